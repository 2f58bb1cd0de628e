"""The Jinja sandbox Word templates are rendered in: a template reaches plain data only.

A template is user content uploaded by a reviewer; it must not reach the server. So:

- the context holds plain data only (str, numbers, lists, dicts of those) and one opaque
  :class:`ImageMarker` per picture, which prints as a token the renderer replaces by the image
  *after* Jinja has run (the template never holds the live DocxTemplate);
- attribute access is allowed on plain data only, and there only to a short list of harmless
  methods (``dict.items``, ``str.upper`` …) and to the loop variable's counters; anything else
  (``__class__``, ``chart.tpl``, ``self``…) raises SecurityError;
- no globals but a ``range`` capped at :data:`MAX_RANGE` (no ``cycler``, ``joiner``, ``lipsum``,
  ``namespace``, ``dict``), and a short list of filters that cannot grow their input;
- budgets against templates that never finish: loop iterations, calls, the length of any string
  built with ``~``, ``+``, ``*``, and the total printed; ``%`` on strings, recursive loops,
  ``include``/``import``/``extends`` are refused.
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from jinja2 import StrictUndefined, Undefined, nodes
from jinja2.filters import FILTERS
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

MAX_RANGE = 1000
MAX_ITERATIONS = 200_000
MAX_CALLS = 20_000
MAX_STRING = 1_000_000
MAX_OUTPUT = 5_000_000
MAX_INT_BITS = 256

PLAIN = (str, int, float, Decimal, bool, type(None), list, tuple, dict)
SAFE_METHODS = {
    str: {"upper", "lower", "strip", "lstrip", "rstrip", "startswith", "endswith", "title",
          "capitalize", "isdigit", "isspace"},
    dict: {"items", "keys", "values", "get"},
    list: {"index", "count"},
    tuple: {"index", "count"},
}  # fmt: skip
LOOP_ATTRIBUTES = {"index", "index0", "revindex", "revindex0", "first", "last", "length",
                   "depth", "depth0", "previtem", "nextitem", "cycle", "changed"}  # fmt: skip
SAFE_FILTERS = {"abs", "capitalize", "count", "d", "default", "dictsort", "e", "escape", "first",
                "float", "int", "items", "join", "last", "length", "list", "lower", "map", "max",
                "min", "reject", "rejectattr", "reverse", "round", "select", "selectattr", "sort",
                "string", "striptags", "sum", "title", "trim", "truncate", "unique", "upper",
                "wordcount"}  # fmt: skip
REFUSED_TAGS = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)


class ImageMarker:
    """A picture in the template's context: prints as a token, exposes nothing else."""

    __slots__ = ("token",)

    def __init__(self) -> None:
        self.token = f"ECONDESK-IMAGE-{secrets.token_hex(8)}"

    def __html__(self) -> str:
        return self.token

    def __str__(self) -> str:
        return self.token

    def __bool__(self) -> bool:
        return True


def _is_plain(obj) -> bool:
    return isinstance(obj, PLAIN) and not isinstance(obj, type)


def _size(x) -> int:
    if isinstance(x, (str, list, tuple, dict)):
        return len(x)
    return 0


class _Guard(NodeTransformer):
    """Rewrites a parsed template so loops, concatenations and prints pass through budgets."""

    def _wrap(self, name: str, node: nodes.Expr) -> nodes.Expr:
        return nodes.Call(
            nodes.EnvironmentAttribute(name), [node], [], None, None, lineno=node.lineno
        )

    def visit_For(self, node: nodes.For):  # noqa: N802 (Jinja's visitor names)
        if node.recursive:
            raise SecurityError("recursive loops are not allowed")
        node = self.generic_visit(node)
        node.iter = self._wrap("counted", node.iter)
        return node

    def visit_Concat(self, node: nodes.Concat):  # noqa: N802
        return self._wrap("sized", self.generic_visit(node))

    def visit_Output(self, node: nodes.Output):  # noqa: N802
        node = self.generic_visit(node)
        node.nodes = [n if isinstance(n, nodes.TemplateData) else self._wrap("printed", n)
                      for n in node.nodes]  # fmt: skip
        return node

    def generic_visit(self, node, *args, **kwargs):
        if isinstance(node, REFUSED_TAGS):
            raise SecurityError("include/import/extends are not allowed")
        return super().generic_visit(node, *args, **kwargs)


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """One render's environment (its budgets count for that render only)."""

    intercepted_binops = frozenset({"+", "*", "**", "%", "//", "/"})

    def __init__(self) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=True)
        self.globals = {"range": self.capped_range}
        self.filters = {name: FILTERS[name] for name in SAFE_FILTERS}
        self.iterations = self.calls = self.output = 0

    # ---- what a template may touch ----

    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        if attr.startswith("_"):
            return False
        if isinstance(obj, LoopContext):
            return attr in LOOP_ATTRIBUTES
        if not _is_plain(obj):
            return False
        allowed = next((m for t, m in SAFE_METHODS.items() if isinstance(obj, t)), set())
        return attr in allowed

    def _refuse(self, obj, name) -> None:
        raise SecurityError(f"access to {name!r} of {type(obj).__name__!r} object is unsafe")

    def getattr(self, obj, attribute):
        if isinstance(obj, Undefined):
            return super().getattr(obj, attribute)
        if not isinstance(attribute, str) or attribute.startswith("_"):
            self._refuse(obj, attribute)
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        if not (_is_plain(obj) or isinstance(obj, LoopContext)):
            self._refuse(obj, attribute)
        if hasattr(obj, attribute) and not self.is_safe_attribute(obj, attribute, None):
            self._refuse(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj, argument):
        if isinstance(obj, Undefined):
            return super().getitem(obj, argument)
        if not _is_plain(obj) or (isinstance(argument, str) and argument.startswith("_")):
            self._refuse(obj, argument)
        if isinstance(obj, dict) and argument in obj:
            return obj[argument]
        if isinstance(argument, str) and not isinstance(obj, dict):
            return self.getattr(obj, argument)
        return super().getitem(obj, argument)

    def _parse(self, source, name, filename):
        return _Guard().visit(super()._parse(source, name, filename))

    # ---- budgets ----

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's signature)
        __self.calls += 1
        if __self.calls > MAX_CALLS:
            raise SecurityError(f"more than {MAX_CALLS} calls")
        return super().call(__context, __obj, *args, **kwargs)

    def capped_range(self, *args):
        rng = range(*args)
        if len(rng) > MAX_RANGE:
            raise SecurityError(f"range longer than {MAX_RANGE}")
        return rng

    def counted(self, iterable):
        for item in iterable:
            self.iterations += 1
            if self.iterations > MAX_ITERATIONS:
                raise SecurityError(f"more than {MAX_ITERATIONS} loop iterations")
            yield item

    def sized(self, value):
        if _size(value) > MAX_STRING:
            raise SecurityError("string too long")
        return value

    def printed(self, value):
        if isinstance(value, (Undefined, ImageMarker)):
            return value
        if not (_is_plain(value) or isinstance(value, Markup)):
            self._refuse(value, "print")
        self.output += len(str(value))
        if self.output > MAX_OUTPUT:
            raise SecurityError("too much output")
        return value

    def call_binop(self, context, operator: str, left, right):
        if operator == "%" and isinstance(left, str):
            raise SecurityError("string formatting with % is not allowed")
        if operator == "**" and (not isinstance(right, (int, float)) or abs(right) > 64):
            raise SecurityError("exponent too large")
        if operator == "*":
            counts = [x for x in (left, right) if isinstance(x, int) and not isinstance(x, bool)]
            sized = [x for x in (left, right) if isinstance(x, (str, list, tuple))]
            if sized and counts and len(sized[0]) * counts[0] > MAX_STRING:
                raise SecurityError("repetition too long")
        if operator == "+" and _size(left) + _size(right) > MAX_STRING:
            raise SecurityError("string too long")
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, int) and result.bit_length() > MAX_INT_BITS:
            raise SecurityError("number too large")
        return result
