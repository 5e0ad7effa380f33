"""Hot statements: the few Core statements every walk-in and booking runs, compiled once
per database and parameter set and sent straight to the driver's cursor.

SQLAlchemy spends ~50–60 µs of CPU on every execution of a cached Core statement (its
cache key walked, an execution context built, rows wrapped) where sqlite3 itself spends
~15 µs and psycopg ~50 µs: on a walk-in's six statements that was a quarter of the
request (docs/performance.md, issue 20). A `Hot` statement keeps SQLAlchemy's compiler,
type conversions (bind and result processors, e.g. `UTCDateTime`) and error classes, and
skips the rest. A statement that needs what only SQLAlchemy's execution does — Python-side
column defaults, expanding IN lists — runs the ordinary way, found out at compile time.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar

from sqlalchemy import exc
from sqlalchemy.engine import Connection

_Key = tuple[str, frozenset[str]]


class Rows:
    """A hot statement's rows, read to the end at once: the part of SQLAlchemy's Result
    the repositories use (`one`, `first`, `scalar_one`, `scalar`, `all`, iteration)."""

    __slots__ = ("_rows",)

    def __init__(self, rows: list[Any]):
        self._rows = rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)

    def all(self) -> list[Any]:
        return list(self._rows)

    def first(self) -> Any:
        return self._rows[0] if self._rows else None

    def one(self) -> Any:
        if len(self._rows) != 1:
            raise exc.NoResultFound("no row") if not self._rows else exc.MultipleResultsFound(
                "more than one row")
        return self._rows[0]

    def scalar_one(self) -> Any:
        return self.one()[0]

    def scalar(self) -> Any:
        return self._rows[0][0] if self._rows else None


class _Plan:
    """One compiled form: its SQL, parameter order (positional drivers), converters, and
    where each parameter's value comes from (worked out once: SQLAlchemy's
    `construct_params` walks every bind on every execution)."""

    def __init__(self, stmt: Any, conn: Connection, keys: frozenset[str]):
        dialect = conn.dialect
        compiled = stmt.compile(dialect=dialect, column_keys=sorted(keys))
        self.runnable = not (compiled.insert_prefetch or compiled.update_prefetch
                             or any(b.expanding or b.callable for b in compiled.binds.values()))
        self.sql: str = compiled.string
        self.positions: tuple[str, ...] | None = (
            tuple(compiled.positiontup) if compiled.positional and compiled.positiontup
            else None)
        # (driver's name, caller's key, converter) per parameter given by the caller;
        # the statement's own constants (`literal(1)`) converted once.
        self.given: list[tuple[str, str, Callable[[Any], Any] | None]] = []
        self.constants: dict[str, Any] = {}
        for bind, name in compiled.bind_names.items():
            sent = compiled.escaped_bind_names.get(name, name)
            processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
            key = bind.key if bind.key in keys else name if name in keys else None
            if key is not None:
                self.given.append((sent, key, processor))
            elif bind.required:
                raise exc.InvalidRequestError(f"A value is required for bind parameter "
                                              f"{bind.key!r}")
            else:
                self.constants[sent] = bind.value if processor is None else processor(
                    bind.value)
        columns = list(stmt.exported_columns)
        self.results = [c.type.dialect_impl(dialect).result_processor(dialect, None)
                        for c in columns]
        self.row = namedtuple("Row", [c.key for c in columns], rename=True)  # type: ignore[misc]

    def parameters(self, params: Mapping[str, Any]) -> Any:
        values = dict(self.constants)
        for sent, key, processor in self.given:
            value = params[key]
            values[sent] = value if processor is None else processor(value)
        if self.positions is not None:
            return tuple(values[name] for name in self.positions)
        return values

    def rows(self, raw: list[Any]) -> list[Any]:
        if not self.results:  # e.g. the key PostgreSQL's compiler returns by itself
            return []
        make, results = self.row._make, self.results
        if not any(results):
            return [make(r) for r in raw]
        return [make(v if p is None else p(v) for p, v in zip(results, r, strict=True))
                for r in raw]


class Hot:
    """A Core statement run straight on the driver (see the module's docstring)."""

    made: ClassVar[list[Hot]] = []  # every one, for the tests (each must be runnable)

    def __init__(self, stmt: Any, many: Hot | None = None):
        """`many`: the same rows for several calls at once, each parameter given as the
        list of the calls' values (`merged`)."""
        self.stmt, self.many = stmt, many
        self._plans: dict[_Key, _Plan] = {}
        Hot.made.append(self)

    def fallbacks(self) -> list[str]:
        """The SQL of the forms compiled so far that SQLAlchemy's path had to run."""
        return [plan.sql for plan in self._plans.values() if not plan.runnable]

    def _plan(self, conn: Connection, params: Mapping[str, Any]) -> _Plan:
        key = (conn.dialect.name, frozenset(params))
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = _Plan(self.stmt, conn, key[1])
        return plan

    @staticmethod
    def merged(calls: list[tuple[Hot, Mapping[str, Any]]]) -> list[tuple[Hot, Mapping[str, Any]]]:
        """`calls` with those of a statement that has a `many` form, where there are
        several, made one call of that form, at the first one's place (earlier than the
        others', so whatever came after any of them still comes after its rows)."""
        firsts: dict[Hot, list[Mapping[str, Any]]] = {}
        for hot, params in calls:
            if hot.many is not None:
                firsts.setdefault(hot, []).append(params)
        out: list[tuple[Hot, Mapping[str, Any]]] = []
        for hot, params in calls:
            group = firsts.get(hot)
            if group is None or len(group) < 2 or hot.many is None:
                out.append((hot, params))
            elif group[0] is params:
                out.append((hot.many, {key: [p[key] for p in group] for key in params}))
        return out

    @staticmethod
    def run_together(conn: Connection, calls: list[tuple[Hot, Mapping[str, Any]]],
                     commit: bool = False) -> list[Any]:
        """Each `(statement, params)` in order, sent in one round trip where the driver
        can (psycopg's pipeline mode): the database still runs them one after the other,
        each seeing what those before it did and waited for (a row lock taken by the first
        is held when the second reads). `Rows` each, or as `run` where one cannot go.

        `commit`: in a PostgreSQL pipeline the transaction's COMMIT goes in the same round
        trip, after them; a statement that fails leaves the transaction failed, not
        committed (the database skips what follows it until the round trip's end). Where
        they run one by one it is not sent: the caller's own commit then ends the
        transaction (after a pipeline's, that commit finds nothing left to do)."""
        plans = [hot._plan(conn, params) for hot, params in calls]
        if conn.dialect.name != "postgresql" or not all(p.runnable for p in plans):
            return [hot.run(conn, params) for hot, params in calls]
        statements = [(plan.sql, plan.parameters(params))
                      for plan, (_, params) in zip(plans, calls, strict=True)]
        raws = on_driver_together(conn, [*statements, ("COMMIT", None)] if commit else statements)
        return [Rows(plan.rows(raw)) for plan, raw in zip(plans, raws[:len(plans)],
                                                         strict=True)]

    def run(self, conn: Connection, params: Mapping[str, Any]) -> Any:
        """Execute on `conn`'s transaction: `Rows`, or SQLAlchemy's own Result for a
        statement this path cannot run. Driver errors come out as SQLAlchemy's
        (IntegrityError, OperationalError, …), parameters hidden."""
        plan = self._plan(conn, params)
        if not plan.runnable:
            return conn.execute(self.stmt, dict(params))
        raw = on_driver(conn, plan.sql, plan.parameters(params))
        return Rows(plan.rows(raw))


def _raised(conn: Connection, sql: str, error: Exception, driver: Any, cursor: Any) -> Exception:
    """A driver's error as SQLAlchemy's, parameters hidden; a connection found gone is
    invalidated, as SQLAlchemy's own execution would."""
    gone = conn.dialect.is_disconnect(error, driver, cursor)
    if gone:
        conn.invalidate(error)
    return exc.DBAPIError.instance(
        sql, None, error, conn.dialect.loaded_dbapi.Error, hide_parameters=True,
        connection_invalidated=gone, dialect=conn.dialect)


def on_driver_together(conn: Connection, statements: list[tuple[str, Any]]) -> list[list[Any]]:
    """`statements` ((sql, parameters) each) in one psycopg pipeline: one round trip
    (with the transaction's BEGIN) instead of one each; their raw rows. Errors as
    `on_driver`'s: the first failure ends the pipeline, the rest are not run."""
    driver = conn.connection.driver_connection
    assert driver is not None, "a live connection has its driver's"
    cursors: list[Any] = []
    try:
        with driver.pipeline():
            for sql, parameters in statements:
                cursors.append(driver.cursor())
                cursors[-1].execute(sql, parameters)
        return [cursor.fetchall() if cursor.description is not None else []
                for cursor in cursors]
    except conn.dialect.loaded_dbapi.Error as error:
        raise _raised(conn, ";\n".join(sql for sql, _ in statements), error, driver,
                      cursors[-1] if cursors else None) from error
    finally:
        for cursor in cursors:
            cursor.close()


def on_driver(conn: Connection, sql: str, parameters: Any = ()) -> list[Any]:
    """Run `sql` on `conn`'s driver connection (its transaction, if begun): the raw rows
    ([] for a statement without any). Driver errors come out as SQLAlchemy's
    (IntegrityError, OperationalError, …), parameters hidden; a connection found gone is
    invalidated, as SQLAlchemy's own execution would."""
    driver = conn.connection.driver_connection
    assert driver is not None, "a live connection has its driver's"
    cursor = driver.cursor()
    try:
        cursor.execute(sql, parameters)
        return cursor.fetchall() if cursor.description is not None else []
    except conn.dialect.loaded_dbapi.Error as error:
        raise _raised(conn, sql, error, driver, cursor) from error
    finally:
        cursor.close()
