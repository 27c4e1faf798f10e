"""A transaction chosen as a deadlock's victim by PostgreSQL or MariaDB is run again
(``retry_on_conflict``, used by enqueueing): a real deadlock, made on purpose."""

import threading

import pytest
from sqlalchemy import create_engine, text

from gestao_negativacao.db.engine import normalise_url
from gestao_negativacao.services.errors import is_retryable_conflict, retry_on_conflict


@pytest.mark.parametrize("server", ["postgres_server", "mariadb_server"])
def test_a_deadlock_victim_is_run_again(request, server):
    engine = create_engine(normalise_url(request.getfixturevalue(server).create()))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE pair (id INTEGER PRIMARY KEY, hits INTEGER)"))
        conn.execute(text("INSERT INTO pair VALUES (1, 0), (2, 0)"))
    both_hold_one = threading.Barrier(2, timeout=10)
    attempts = {1: 0, 2: 0}
    victims = []

    def crosswise(first: int, second: int) -> None:
        attempts[first] += 1
        with engine.begin() as conn:
            conn.execute(text("UPDATE pair SET hits = hits + 1 WHERE id = :i"), {"i": first})
            if attempts[first] == 1:
                both_hold_one.wait()  # each holds one row and now wants the other's
            try:
                conn.execute(text("UPDATE pair SET hits = hits + 1 WHERE id = :i"), {"i": second})
            except Exception as exc:
                victims.append(is_retryable_conflict(exc))
                raise

    threads = [
        threading.Thread(target=retry_on_conflict, args=(lambda: crosswise(1, 2),)),
        threading.Thread(target=retry_on_conflict, args=(lambda: crosswise(2, 1),)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert victims == [True]  # one deadlock, recognised as such
    assert sum(attempts.values()) == 3  # the victim ran again
    with engine.connect() as conn:
        assert conn.execute(text("SELECT hits FROM pair ORDER BY id")).scalars().all() == [2, 2]
    engine.dispose()
