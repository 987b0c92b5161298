"""Limits on what one request may ask for, all checked before any SQL runs: depth,
aliases, document size (tokens; bytes in app.py), and a cost estimate from the page
sizes a query requests. Every error a client gets carries an `extensions.code`."""

from __future__ import annotations

import functools
import logging
import re

import orjson

from graphql import (
    FieldNode, FragmentDefinitionNode, FragmentSpreadNode, GraphQLEnumType, GraphQLError, GraphQLSyntaxError,
    InlineFragmentNode,
    Lexer, OperationDefinitionNode, Source, StringValueNode, TokenKind, ValidationRule, get_named_type,
)
from graphql.execution import ExecutionResult
from strawberry.extensions import SchemaExtension

from .. import values
from ..errors import ValidationError
from .lru import LRU

log = logging.getLogger(__name__)


def error_code(error: GraphQLError) -> str:
    """The code of an error that did not set one itself (graphql-core's own errors)."""
    if isinstance(error, GraphQLSyntaxError):
        return "GRAPHQL_PARSE_FAILED"
    # Errors raised while executing have a path; validation errors do not.
    if error.original_error is None and not error.path:
        return "GRAPHQL_VALIDATION_FAILED"
    if invalid_stored_value(error):
        return "INVALID_STORED_VALUE"
    return "INTERNAL"


def coded(rule: type[ValidationRule], code: str, **details) -> type[ValidationRule]:
    """`rule` (Strawberry's depth or alias limit, which report from their constructor),
    with `code` on every error it reports: the code is attached where the error is raised."""

    class Coded(rule):
        def __init__(self, context) -> None:
            report = context.report_error

            def report_coded(error: GraphQLError) -> None:
                error.extensions = {**(error.extensions or {}), "code": code, **details}
                report(error)

            context.report_error = report_coded
            try:
                super().__init__(context)
            finally:
                del context.report_error

    Coded.__name__ = f"Coded{rule.__name__}"
    return Coded


@functools.lru_cache(maxsize=1024)
def token_count_above(query: str, maximum: int) -> int | None:
    """The number of tokens of `query` when above `maximum` (counted as graphql-core's parser
    counts them, stopping at `maximum + 1`), else None; a document that does not lex is left
    to the parser to report."""
    lexer = Lexer(Source(query))
    count = 0
    try:
        while lexer.advance().kind is not TokenKind.EOF:
            count += 1
            if count > maximum:
                return count
    except GraphQLSyntaxError:
        return None
    return None


def invalid_stored_value(error: GraphQLError) -> bool:
    """A stored value its field's type cannot give: a select value that is no longer an
    option (a plugin file's options were edited). The data is wrong, not the server, so
    the error is not masked and names the value."""
    return bool(error.path) and (error.extensions or {}).get("code") == "INVALID_STORED_VALUE"


def code_stored_values(schema) -> None:
    """Every enum of `schema` (a select field's options) reports a value that is not one of
    its options with the code INVALID_STORED_VALUE, attached where graphql-core refuses it."""
    for type_ in schema.type_map.values():
        if isinstance(type_, GraphQLEnumType) and not type_.name.startswith("__"):
            type_.coerce_output_value = _coded_serialize(type_.coerce_output_value)


def _coded_serialize(serialize):
    def coded_serialize(value):
        try:
            return serialize(value)
        except GraphQLError as error:
            raise GraphQLError(error.message, extensions={"code": "INVALID_STORED_VALUE"}) from None

    return coded_serialize


_FIELD_IN_MESSAGE = re.compile(
    r"Field '(\w+)' (?:of required type|is not defined)|to include required field '(\w+)'"
    r"|at '[\w.\[\]]*?(\w+)'|at [\w.\[\]]*?\.(\w+)(?:\[\d+\])*:")


def error_field(message: str) -> str | None:
    """The input field a graphql-core coercion message names ("Field 'email' of required
    type 'String!' was not provided."), so clients learn which field to fix."""
    match = _FIELD_IN_MESSAGE.search(message)
    return next((group for group in match.groups() if group), None) if match else None


class StringLiteralRule(ValidationRule):
    """String literals of a document are checked like every incoming string (values.text):
    no NUL character, not over the maximum length."""

    def enter_string_value(self, node: StringValueNode, *_args) -> None:
        try:
            values.text(node.value, "string literal")
        except ValidationError as error:
            self.report_error(GraphQLError(error.message, node, extensions={"code": "VALIDATION"}))


class CostLimiter(SchemaExtension):
    """Refuses an operation whose estimated cost (fields times the page sizes above them)
    is above `max_cost`, before it executes."""

    def __init__(self, *, max_cost: int, default_page_size: int, costs: LRU) -> None:
        self.max_cost = max_cost
        self.default_page_size = default_page_size
        # Estimates by (document, operation, variables), shared by the requests of a build.
        self.costs = costs

    def on_execute(self):
        context = self.execution_context
        key = (context.query, context.operation_name, orjson.dumps(context.variables or {}))
        cost = self.costs.get(key) if context.query else None
        if cost is None:
            cost = self._estimate(context)
            if context.query:
                self.costs.put(key, cost)
        if cost > self.max_cost:
            error = GraphQLError(
                f"The query's estimated cost is {cost}, above the limit of {self.max_cost}: "
                "ask for smaller pages or fewer nested lists",
                extensions={"code": "LIMIT_EXCEEDED", "cost": cost, "maximum": self.max_cost},
            )
            if context.operation_type.value == "subscription":
                raise error  # Strawberry starts a subscription whatever result is set; this stops it
            context.result = ExecutionResult(data=None, errors=[error])
        yield

    def _estimate(self, context) -> int:
        document = context.graphql_document
        operation = next(
            (d for d in document.definitions if isinstance(d, OperationDefinitionNode)
             and (context.operation_name is None or (d.name and d.name.value == context.operation_name))),
            None,
        )
        if operation is None:
            return 0
        fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        schema = context.schema._schema
        root = schema.get_root_type(operation.operation)
        try:
            return self._cost(operation.selection_set, root, 1, fragments, context.variables or {}, schema)
        except Exception:  # an exception here would reach the client unmasked
            log.exception("cost estimate failed")
            context.result = ExecutionResult(data=None, errors=[GraphQLError(
                "Unexpected error.", extensions={"code": "INTERNAL"})])
            return 0

    def _cost(self, selection_set, parent_type, multiplier, fragments, variables, schema) -> int:
        total = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                total += multiplier
                field = getattr(parent_type, "fields", {}).get(selection.name.value)
                if field is None or selection.selection_set is None:
                    continue
                child_type = get_named_type(field.type)
                child_multiplier = multiplier
                if child_type.name.endswith("Connection"):
                    child_multiplier *= self._page_size(selection, variables)
                total += self._cost(selection.selection_set, child_type, child_multiplier, fragments, variables, schema)
            elif isinstance(selection, InlineFragmentNode):
                condition = schema.get_type(selection.type_condition.name.value) if selection.type_condition else parent_type
                total += self._cost(selection.selection_set, condition, multiplier, fragments, variables, schema)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = fragments.get(selection.name.value)
                if fragment is not None:
                    condition = schema.get_type(fragment.type_condition.name.value)
                    total += self._cost(fragment.selection_set, condition, multiplier, fragments, variables, schema)
        return total

    def _page_size(self, field: FieldNode, variables: dict) -> int:
        for argument in field.arguments or ():
            if argument.name.value in ("first", "last"):
                value = argument.value
                if value.kind == "variable":
                    size = variables.get(value.name.value)
                else:
                    size = int(getattr(value, "value", 0) or 0)
                if isinstance(size, int):
                    return max(size, 1)
        return self.default_page_size
