"""A static check for T15: nothing but SQLite reads, writes, copies or moves the live database.

Why: POSIX drops every lock a process holds on a file when that process closes *any* handle
to it, so even "peek at the first 16 bytes" with open() silently cancels SQLite's locks; a copy
taken with shutil while a transaction runs can be half old, half new (howtocorrupt §1.2, §2.2).
A second SQLite library (QtSql, SQLCipher, APSW) in the process breaks locking the same way
(§2.3).

What counts as "the database path" is found by taint: an expression joining a folder with
DB_FILENAME (or the literal file name), the `.path` of a Database (`db.path`, `self._db.path`,
`services.database.path`, `self.path` inside class Database), a parameter or variable named
`db_path`, and everything assigned from those, also through calls to our own functions
(a tainted argument taints that parameter in every function of that name).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

DB_FILE_NAME = "caretrack.sqlite3"
DB_NAMES = frozenset({"db", "_db", "database", "_database"})
DB_PATH_NAMES = frozenset({"db_path", "database_path"})
# module.function calls that read, write, copy, move or delete the file they are given
RAW_FUNCTIONS = frozenset(
    {
        "open", "io.open", "os.open", "builtins.open", "codecs.open", "os.replace",
        "os.rename", "os.renames", "os.remove", "os.unlink", "os.truncate", "os.link",
        "shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.move", "shutil.copytree",
        "sqlite3.connect",
    }
)  # fmt: skip
# Path methods that do the same
RAW_METHODS = frozenset(
    {
        "open", "read_bytes", "write_bytes", "read_text", "write_text", "replace", "rename",
        "unlink", "touch", "truncate", "hardlink_to", "symlink_to", "link_to",
    }
)  # fmt: skip
# p.resolve() and the like still name the same file
TRANSPARENT_METHODS = frozenset({"resolve", "absolute", "expanduser", "as_uri", "as_posix"})
# Other SQLite libraries: never in this process.
OTHER_SQLITE = ("PySide6.QtSql", "PyQt5.QtSql", "PyQt6.QtSql", "sqlcipher3", "pysqlcipher3", "apsw")
OTHER_SQLITE_NAMES = frozenset({"QtSql", "QSqlDatabase", "QSqlQuery", "QSqlDriver"})
# Where the one connection is made (engine.py) and where backups and restores go through
# SQLite's own VACUUM INTO / backup API and rename a checked copy into place.
ALLOWED = {
    "sqlite3.connect": {"storage/engine.py", "storage/backup.py"},
    "*": {"storage/backup.py"},
}


@dataclass(frozen=True)
class Finding:
    where: str  # module path relative to the package, and line
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def dotted(node: ast.expr) -> str:
    """'os.path.join' for an attribute chain, 'open' for a name, '' for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr}" if base else ""
    return ""


@dataclass
class _Scope:
    node: ast.AST
    params: list[str] = field(default_factory=list)
    tainted: set[str] = field(default_factory=set)
    in_database_class: bool = False
    parent: _Scope | None = None  # the enclosing function: its names reach a closure

    def names(self) -> set[str]:
        inherited = self.parent.names() if self.parent is not None else set()
        return self.tainted | inherited


class _Module:
    def __init__(self, name: str, tree: ast.Module) -> None:
        self.name = name
        self.tree = tree
        self.scopes: list[_Scope] = [_Scope(tree)]
        self.functions: dict[str, list[_Scope]] = {}
        self._collect(tree, self.scopes[0], in_database=False)

    def _collect(self, node: ast.AST, parent: _Scope, in_database: bool) -> None:
        """One scope per function or lambda, linked to the function around it."""
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                self._collect(child, parent, in_database=child.name == "Database")
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                args = child.args
                names = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
                scope = _Scope(child, names, {n for n in names if n in DB_PATH_NAMES})
                scope.in_database_class = in_database
                scope.parent = parent if parent.node is not self.tree else None
                self.scopes.append(scope)
                if not isinstance(child, ast.Lambda):
                    self.functions.setdefault(child.name, []).append(scope)
                self._collect(child, scope, in_database=False)
            else:
                self._collect(child, parent, in_database)

    def own_nodes(self, scope: _Scope) -> list[ast.AST]:
        """The nodes of a scope, not those of the functions nested in it."""
        found: list[ast.AST] = []
        stack = list(ast.iter_child_nodes(scope.node))
        while stack:
            node = stack.pop()
            found.append(node)
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                stack.extend(ast.iter_child_nodes(node))
        return found


def is_db_path(node: ast.expr, scope: _Scope, module_tainted: set[str]) -> bool:
    """Does this expression name the live database file?"""
    if isinstance(node, ast.Name):
        return node.id in scope.names() or node.id in module_tainted or node.id in DB_PATH_NAMES
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value.endswith(DB_FILE_NAME)
    if isinstance(node, ast.Attribute):
        if node.attr == "DB_FILENAME":
            return True
        if node.attr == "database" and isinstance(node.value, ast.Attribute):
            return node.value.attr == "url"  # engine.url.database
        if node.attr == "path":
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id == "self":
                return scope.in_database_class
            last = owner.attr if isinstance(owner, ast.Attribute) else dotted(owner)
            return last in DB_NAMES
        return False
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        right = node.right
        return (isinstance(right, ast.Name) and right.id == "DB_FILENAME") or is_db_path(
            right, scope, module_tainted
        )
    if isinstance(node, ast.Call):  # Path(p), str(p), os.fspath(p), p.resolve(), p.absolute()
        func = dotted(node.func)
        if func in ("Path", "pathlib.Path", "str", "os.fspath", "os.path.abspath"):
            return bool(node.args) and is_db_path(node.args[0], scope, module_tainted)
        if isinstance(node.func, ast.Attribute) and node.func.attr in TRANSPARENT_METHODS:
            return is_db_path(node.func.value, scope, module_tainted)
    if isinstance(node, ast.JoinedStr):  # f"{path}" or f"{path.as_uri()}?mode=ro"
        return any(
            isinstance(v, ast.FormattedValue) and is_db_path(v.value, scope, module_tainted)
            for v in node.values
        )
    return False


def _names_of(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [n for t in target.elts for n in _names_of(t)]
    return []


def _propagate(modules: list[_Module]) -> None:
    """Assignments and calls carry the taint until nothing changes."""
    by_name: dict[str, list[_Scope]] = {}
    for m in modules:
        for name, scopes in m.functions.items():
            by_name.setdefault(name, []).extend(scopes)
    changed = True
    while changed:
        changed = False
        for m in modules:
            module_tainted = m.scopes[0].tainted
            for scope in m.scopes:
                for node in m.own_nodes(scope):
                    if isinstance(node, ast.Assign | ast.AnnAssign | ast.NamedExpr):
                        value = node.value
                        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                        if value is not None and is_db_path(value, scope, module_tainted):
                            for name in (n for t in targets for n in _names_of(t)):
                                if name not in scope.tainted:
                                    scope.tainted.add(name)
                                    changed = True
                    elif isinstance(node, ast.Call):
                        callee = dotted(node.func).rpartition(".")[2]
                        for target in by_name.get(callee, []):
                            for i, arg in enumerate(node.args):
                                if i < len(target.params) and is_db_path(
                                    arg, scope, module_tainted
                                ):
                                    param = target.params[i]
                                    if param not in target.tainted:
                                        target.tainted.add(param)
                                        changed = True
                            for kw in node.keywords:
                                if (
                                    kw.arg in target.params
                                    and is_db_path(kw.value, scope, module_tainted)
                                    and kw.arg not in target.tainted
                                ):
                                    target.tainted.add(kw.arg)
                                    changed = True


def _raw_io(m: _Module) -> list[Finding]:
    found: list[Finding] = []
    module_tainted = m.scopes[0].tainted
    for scope in m.scopes:
        for node in m.own_nodes(scope):
            if not isinstance(node, ast.Call):
                continue
            func = dotted(node.func)
            hits: list[str] = []
            arguments = [*node.args, *(k.value for k in node.keywords)]
            if func in RAW_FUNCTIONS and any(
                is_db_path(a, scope, module_tainted) for a in arguments
            ):
                hits.append(f"{func}() on the database file")
            elif isinstance(node.func, ast.Attribute) and node.func.attr in RAW_METHODS:
                receiver = node.func.value
                if is_db_path(receiver, scope, module_tainted) or (
                    node.func.attr in ("replace", "rename", "hardlink_to", "symlink_to")
                    and any(is_db_path(a, scope, module_tainted) for a in node.args)
                ):
                    hits.append(f".{node.func.attr}() on the database file")
            for what in hits:
                key = "sqlite3.connect" if func == "sqlite3.connect" else "*"
                if m.name not in ALLOWED[key]:
                    found.append(Finding(f"{m.name}:{node.lineno}", what))
    return found


def _other_sqlite(m: _Module) -> list[Finding]:
    found: list[Finding] = []
    for node in ast.walk(m.tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            names = [base, *(f"{base}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Name | ast.Attribute):
            last = node.id if isinstance(node, ast.Name) else node.attr
            if last in OTHER_SQLITE_NAMES:
                found.append(Finding(f"{m.name}:{node.lineno}", f"{last}: a second SQLite"))
            continue
        elif isinstance(node, ast.Call) and dotted(node.func) in (
            "importlib.import_module",
            "__import__",
        ):
            names = [str(a.value) for a in node.args if isinstance(a, ast.Constant)]
        for name in names:
            if any(name == o or name.startswith(o + ".") for o in OTHER_SQLITE):
                found.append(Finding(f"{m.name}:{node.lineno}", f"imports {name}: a second SQLite"))
    return found


def lint_sources(sources: dict[str, str]) -> list[Finding]:
    """Findings for {module path relative to the package: source}, sorted."""
    modules = [_Module(name, ast.parse(text, name)) for name, text in sources.items()]
    _propagate(modules)
    found = [f for m in modules for f in (*_raw_io(m), *_other_sqlite(m))]
    return sorted(set(found), key=str)


def lint_package(root: Path) -> tuple[list[Finding], int]:
    """Findings for every .py file under `root` (the caretrack package) and how many were read."""
    sources = {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*.py"))
    }
    return lint_sources(sources), len(sources)
