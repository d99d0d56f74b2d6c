"""What the code base records on the audit trail, read from its source (no database, nothing run).

Every event goes through `kokybe.audit.services._record`. A function that passes one of its own
parameters on as the `action` or the `target` of a recording call is itself a recorder (`audit_record`,
`personal_data_view_record`, each app's `_audit(...)` and `step_record(...)` helpers...), found by
walking the calls until no new one turns up. At every call of a recorder, the action it is given is read:

- a string literal, or either side of `"a" if ... else "b"`;
- a local variable, through every string assigned to it in the function;
- an f-string or a `+` of strings ("constructed"): kept as a pattern with `*` for each part filled
  at run time, for the test to expand from the values the code can put there.

and the model of the target: from the annotation of the parameter it comes from, the model whose
manager or constructor made the variable, the return annotation of the function that made it, or the
foreign key it was read through. What cannot be read is reported, not guessed.
"""

import ast
import importlib
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models

SOURCE = Path(settings.BASE_DIR)
PACKAGE = SOURCE.name  # "kokybe"
BASE_RECORDER = ("kokybe.audit.services", "_record")
ROLES = ("action", "target")


@dataclass(frozen=True)
class Place:
    module: str
    line: int

    def __str__(self) -> str:
        return f"{self.module.replace('.', '/')}.py:{self.line}"


@dataclass
class Recorded:
    actions: dict[str, list[Place]] = field(default_factory=dict)  # action (or pattern with "*") -> where
    object_types: dict[str, list[Place]] = field(default_factory=dict)  # model label_lower -> where
    unreadable: list[str] = field(default_factory=list)  # what could not be read, and where
    # Recorders nothing in the source calls (a library calls them), with the roles their callers supply.
    uncalled: dict[str, set[str]] = field(default_factory=dict)

    def add_action(self, action: str, place: Place) -> None:
        self.actions.setdefault(action, []).append(place)

    def add_object_type(self, object_type: str, place: Place) -> None:
        self.object_types.setdefault(object_type, []).append(place)


class Unreadable(Exception):
    pass


@dataclass
class Function:
    module: "Module"
    node: ast.FunctionDef | ast.AsyncFunctionDef

    @property
    def key(self) -> tuple[str, str]:
        return (self.module.name, self.node.name)

    @property
    def parameters(self) -> list[ast.arg]:
        arguments = self.node.args
        return [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]

    def parameter(self, name: str) -> ast.arg | None:
        return next((p for p in self.parameters if p.arg == name), None)

    def argument(self, call: ast.Call, name: str) -> ast.expr | None:
        """The expression `call` passes for this function's parameter `name` (its default if none)."""
        for keyword in call.keywords:
            if keyword.arg == name:
                return keyword.value
        positional = [*self.node.args.posonlyargs, *self.node.args.args]
        index = next((i for i, p in enumerate(positional) if p.arg == name), None)
        if index is not None and index < len(call.args):
            return call.args[index]
        return self.default(name)

    def default(self, name: str) -> ast.expr | None:
        arguments = self.node.args
        positional = [*arguments.posonlyargs, *arguments.args]
        pairs = list(zip(positional[len(positional) - len(arguments.defaults) :], arguments.defaults, strict=True))
        pairs += [(p, d) for p, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True) if d is not None]
        return next((d for p, d in pairs if p.arg == name), None)

    def assignments(self, name: str) -> Iterator[ast.expr]:
        """Every value assigned to the local variable `name` in this function (not in nested ones)."""
        for node in _own_nodes(self.node):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id == name:
                        yield node.value
                    elif isinstance(target, ast.Tuple) and any(
                        isinstance(t, ast.Name) and t.id == name for t in target.elts
                    ):
                        raise Unreadable(f"{name} unpacked from {ast.unparse(node.value)}")
            elif isinstance(node, ast.AnnAssign | ast.NamedExpr) and _names(node.target) == {name}:
                if node.value is not None:
                    yield node.value
            elif isinstance(node, ast.For) and isinstance(node.target, ast.Name) and node.target.id == name:
                yield node.iter  # an item of a queryset reads as its model, of a tuple of strings as a string
            elif isinstance(node, ast.For | ast.comprehension | ast.With) and name in _bound_by(node):
                raise Unreadable(f"{name} bound by a loop or a with statement")


@dataclass
class Module:
    name: str
    tree: ast.Module
    functions: dict[str, Function] = field(default_factory=dict)
    imported: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # alias -> (module, name or None)
    given_namespace: dict[str, Any] | None = None  # of a module that is not on disk

    @property
    def namespace(self) -> dict[str, Any]:
        if self.given_namespace is not None:
            return self.given_namespace
        return vars(importlib.import_module(self.name))


class SourceWalk:
    def __init__(self, root: Path = SOURCE) -> None:
        self.modules: dict[str, Module] = {}
        for path in sorted(root.rglob("*.py")):
            parts = path.relative_to(root.parent).with_suffix("").parts
            if "tests" in parts or "migrations" in parts:
                continue
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            self.modules[name] = self._read(name, path.read_text(encoding="utf-8"))
        # recorder key -> {role: parameter name}
        self.recorders: dict[tuple[str, str], dict[str, str]] = {
            BASE_RECORDER: {"action": "action", "target": "target"}
        }

    def add_module(self, name: str, source: str) -> None:
        """Walk `source` too, as if it were the module `name` (to show what the walk finds)."""
        namespace: dict[str, Any] = {"__name__": name}
        exec(compile(source, name, "exec"), namespace)  # the source is a test's own
        self.modules[name] = self._read(name, source)
        self.modules[name].given_namespace = namespace

    def _read(self, name: str, source: str) -> Module:
        module = Module(name=name, tree=ast.parse(source, filename=name))
        for node in ast.walk(module.tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                module.functions.setdefault(node.name, Function(module, node))
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    module.imported[alias.asname or alias.name] = (node.module, alias.name)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    module.imported[alias.asname or alias.name.split(".")[0]] = (alias.name, None)
        return module

    def recorded(self) -> Recorded:
        # Find every recorder first (a helper may be defined after its callers), then read the calls.
        while self._find_recorders():
            pass
        found = Recorded()
        called = set()
        for function, call, recorder in self._recording_calls():
            called.add(recorder.key)
            place = Place(function.module.name, call.lineno)
            roles = self.recorders[recorder.key]
            for role, parameter in roles.items():
                expression = recorder.argument(call, parameter)
                if expression is None:
                    continue
                try:
                    if role == "action":
                        for action in self.strings(function, expression):
                            found.add_action(action, place)
                    else:
                        for model in self.target_models(function, expression):
                            found.add_object_type(model._meta.label_lower, place)
                except Unreadable as error:
                    found.unreadable.append(f"{place}: the {role} {ast.unparse(expression)!r} ({error})")
        for key, roles in self.recorders.items():
            if key not in called and key != BASE_RECORDER:
                found.uncalled[".".join(key)] = set(roles)
        return found

    def _find_recorders(self) -> bool:
        grew = False
        for function, call, recorder in self._recording_calls():
            for role, parameter in self.recorders[recorder.key].items():
                expression = recorder.argument(call, parameter)
                for name in _names_passed(expression):
                    if function.parameter(name) is not None and not self._keeps_model(function, name, role):
                        roles = self.recorders.setdefault(function.key, {})
                        if roles.get(role) != name:
                            roles[role] = name
                            grew = True
        return grew

    def _keeps_model(self, function: Function, name: str, role: str) -> bool:
        """Whether a target parameter is annotated with models precisely enough to read it here
        (rather than at each caller)."""
        if role != "target":
            return False
        try:
            return bool(self.target_models(function, ast.Name(id=name)))
        except Unreadable:
            return False

    def _forwarded(self, function: Function, expression: ast.expr, role: str) -> bool:
        return isinstance(expression, ast.Name) and self.recorders.get(function.key, {}).get(role) == expression.id

    def _recording_calls(self) -> Iterator[tuple[Function, ast.Call, Function]]:
        for module in self.modules.values():
            for function in module.functions.values():
                for node in _own_nodes(function.node):
                    if isinstance(node, ast.Call):
                        callee = self.callee(module, node.func)
                        if callee is not None and callee.key in self.recorders:
                            yield function, node, callee

    def callee(self, module: Module, func: ast.expr) -> Function | None:
        if isinstance(func, ast.Name):
            if func.id in module.functions:
                return module.functions[func.id]
            source, name = module.imported.get(func.id, ("", None))
            return self._function(source, name)
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            if func.value.id in {"self", "cls"}:
                return module.functions.get(func.attr)
            source, name = module.imported.get(func.value.id, ("", None))
            return self._function(f"{source}.{name}" if name else source, func.attr)
        return None

    def _function(self, module_name: str, name: str | None) -> Function | None:
        module = self.modules.get(module_name)
        return module.functions.get(name) if module is not None and name is not None else None

    # Reading an action.

    def strings(self, function: Function, expression: ast.expr) -> set[str]:
        if isinstance(expression, ast.Constant) and isinstance(expression.value, str):
            return {expression.value}
        if isinstance(expression, ast.IfExp):
            return self.strings(function, expression.body) | self.strings(function, expression.orelse)
        if isinstance(expression, ast.Tuple | ast.List):  # iterated by a loop
            return set().union(*(self.strings(function, item) for item in expression.elts))
        if isinstance(expression, ast.JoinedStr):
            return {"".join(_pattern_parts(expression.values))}
        if isinstance(expression, ast.BinOp) and isinstance(expression.op, ast.Add):
            return {
                left + right
                for left in self._string_or_any(function, expression.left)
                for right in self._string_or_any(function, expression.right)
            }
        if isinstance(expression, ast.Name):
            if self._forwarded(function, expression, "action"):
                return set()
            values = list(function.assignments(expression.id))
            if not values:
                raise Unreadable(f"{expression.id} is not assigned in {function.node.name}")
            return set().union(*(self.strings(function, value) for value in values))
        raise Unreadable("not a string the source states")

    def _string_or_any(self, function: Function, expression: ast.expr) -> set[str]:
        try:
            return self.strings(function, expression)
        except Unreadable:
            return {"*"}

    # Reading the model of a target.

    def target_models(self, function: Function, expression: ast.expr) -> set[type[models.Model]]:
        found = self.classes(function, expression)
        for cls in found:
            if not (issubclass(cls, models.Model) and hasattr(cls, "_meta") and not cls._meta.abstract):
                # models.Model itself has no _meta: it names no model in particular.
                raise Unreadable(f"{cls.__name__} is not one concrete model")
        return found

    def classes(self, function: Function, expression: ast.expr) -> set[type]:
        """The classes `expression` can be an instance of (a queryset counts as its model)."""
        if isinstance(expression, ast.Constant) and expression.value is None:
            return set()
        if isinstance(expression, ast.BoolOp):
            return set().union(*(self.classes(function, value) for value in expression.values))
        if isinstance(expression, ast.IfExp):
            return self.classes(function, expression.body) | self.classes(function, expression.orelse)
        if isinstance(expression, ast.Name):
            return self._classes_of_name(function, expression.id)
        if isinstance(expression, ast.Attribute):
            return set().union(
                *(_attribute_classes(cls, expression.attr) for cls in self.classes(function, expression.value))
            )
        if isinstance(expression, ast.Call):
            return self._classes_made_by(function, expression)
        raise Unreadable("not a parameter, variable, attribute or call")

    def _classes_of_name(self, function: Function, name: str) -> set[type]:
        if self.recorders.get(function.key, {}).get("target") == name:
            return set()  # read at each caller
        parameter = function.parameter(name)
        if parameter is not None:
            if parameter.annotation is None:
                raise Unreadable(f"parameter {name} has no annotation")
            return _classes_in(self._evaluate(function.module, parameter.annotation))
        values = list(function.assignments(name))
        if not values:
            raise Unreadable(f"{name} is not assigned in {function.node.name}")
        return set().union(*(self.classes(function, value) for value in values))

    def _classes_made_by(self, function: Function, call: ast.Call) -> set[type]:
        # Model.objects.<anything>(...), Model.objects.select_for_update().get(...) ...
        node: ast.expr = call.func
        while isinstance(node, ast.Attribute | ast.Call):
            if isinstance(node, ast.Attribute) and node.attr in {"objects", "_default_manager"}:
                return _classes_in(self._evaluate(function.module, node.value))
            node = node.func if isinstance(node, ast.Call) else node.value
        try:
            made = self._evaluate(function.module, call.func)
        except Unreadable:
            if isinstance(call.func, ast.Attribute):  # queryset.first(), queryset.get(...) on a local queryset
                return self.classes(function, call.func.value)
            raise
        if isinstance(made, type):
            return {made}
        hints = typing.get_type_hints(made) if callable(made) else {}
        if "return" not in hints:
            raise Unreadable(f"{ast.unparse(call.func)} returns nothing annotated")
        return _classes_in(hints["return"])

    def _evaluate(self, module: Module, expression: ast.expr) -> Any:
        source = expression.value if isinstance(expression, ast.Constant) else ast.unparse(expression)
        try:
            return eval(source, module.namespace)  # our own annotations and names
        except Exception as error:
            raise Unreadable(f"{source!r} cannot be evaluated in {module.name}") from error


def _classes_in(annotation: Any) -> set[type]:
    """The classes an annotation names (`Survey`, `Survey | None`, `Optional[Plan]`)."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return set().union(*(_classes_in(member) for member in typing.get_args(annotation)))
    if annotation is type(None):
        return set()
    if isinstance(annotation, type) and annotation is not object:
        return {annotation}
    raise Unreadable(f"{annotation} names no class")


def _attribute_classes(cls: type, name: str) -> set[type]:
    """The classes of `instance.name`: a model's relation, an annotated attribute or property."""
    if issubclass(cls, models.Model) and hasattr(cls, "_meta"):
        try:
            related = cls._meta.get_field(name).related_model
        except FieldDoesNotExist:
            related = None
        if isinstance(related, type):
            return {related}
    hints = typing.get_type_hints(cls)
    if name in hints:
        return _classes_in(hints[name])
    attribute = getattr(cls, name, None)
    if isinstance(attribute, property) and attribute.fget is not None:
        hints = typing.get_type_hints(attribute.fget)
        if "return" in hints:
            return _classes_in(hints["return"])
    raise Unreadable(f"{cls.__name__}.{name} has no model or annotation")


def _pattern_parts(values: list[ast.expr]) -> Iterator[str]:
    for value in values:
        if isinstance(value, ast.Constant):
            yield str(value.value)
        else:
            yield "*"


def _names_passed(expression: ast.expr | None) -> set[str]:
    """The bare names an argument passes on: `x`, `x or y`, `"a" if c else x`."""
    if isinstance(expression, ast.Name):
        return {expression.id}
    if isinstance(expression, ast.BoolOp):
        return set().union(*(_names_passed(value) for value in expression.values))
    if isinstance(expression, ast.IfExp):
        return _names_passed(expression.body) | _names_passed(expression.orelse)
    return set()


def _names(target: ast.expr) -> set[str]:
    return {node.id for node in ast.walk(target) if isinstance(node, ast.Name)}


def _bound_by(node: ast.AST) -> set[str]:
    if isinstance(node, ast.For | ast.comprehension):
        return _names(node.target)
    if isinstance(node, ast.With):
        return set().union(*(_names(item.optional_vars) for item in node.items if item.optional_vars is not None))
    return set()


def _own_nodes(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """The nodes of a function's body, without those of functions defined inside it."""
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            stack.extend(ast.iter_child_nodes(node))
