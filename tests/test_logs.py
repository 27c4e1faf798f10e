import logging

from gestao_negativacao.logs import DocumentMaskingFilter, mask_documents


def test_documents_are_masked_in_any_form():
    text = (
        "cliente 412.248.244-58 / 41224824458, empresa 29.141.777/0001-58, "
        "alfa 12ABC34501DE35 e 12.ABC.345/01DE-35"
    )
    masked = mask_documents(text)
    for full in ("41224824458", "412.248.244-58", "29.141.777/0001-58", "12ABC34501DE35",
                 "12.ABC.345/01DE-35"):  # fmt: skip
        assert full not in masked
    assert "***.248.244-**" in masked


def test_ordinary_numbers_and_words_survive():
    text = "linha 1234, valor 1500,00, protocolo 2024091200, PALAVRACOMPRIDA"
    assert mask_documents(text) == text


def test_the_filter_masks_log_records(caplog):
    logger = logging.getLogger("teste.mascara")
    logger.addFilter(DocumentMaskingFilter())
    with caplog.at_level(logging.INFO, logger="teste.mascara"):
        logger.info("enviando %s", "41224824458")
    assert "41224824458" not in caplog.text
    assert "***.248.244-**" in caplog.text


def test_tracebacks_are_masked_in_the_file_and_left_out_of_the_terminal(tmp_path):
    """Issue 18: a traceback carried full CPFs and rows while the message line was masked."""
    from gestao_negativacao.logs import BriefFormatter, MaskingFormatter

    logger = logging.getLogger("teste.rastro")
    file_handler = logging.FileHandler(tmp_path / "app.log", encoding="utf-8")
    file_handler.setFormatter(MaskingFormatter("%(message)s"))
    terminal = logging.FileHandler(tmp_path / "terminal.txt", encoding="utf-8")
    terminal.setFormatter(BriefFormatter("%(message)s"))
    logger.addHandler(file_handler)
    logger.addHandler(terminal)
    try:
        raise ValueError("linha com o CPF 41224824458 e Rua das Flores, 10")
    except ValueError:
        logger.exception("importação falhou")
    for handler in (file_handler, terminal):
        handler.close()
        logger.removeHandler(handler)
    written = (tmp_path / "app.log").read_text(encoding="utf-8")
    assert "Traceback" in written and "41224824458" not in written
    assert "***.248.244-**" in written
    assert (tmp_path / "terminal.txt").read_text(encoding="utf-8").strip() == "importação falhou"


def test_no_sql_parameter_reaches_an_error_message(sqlite_db):
    """Engines hide their statements' parameters: a refused INSERT names no customer."""
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    from gestao_negativacao.logs import configure_file_logging

    with pytest.raises(IntegrityError) as refused:
        with sqlite_db.session_factory.begin() as s:
            s.execute(
                text("INSERT INTO customers (id, document, kind, name) VALUES (:i, :d, 'F', :n)"),
                [{"i": 1, "d": "41224824458", "n": "Maria Sigilosa"},
                 {"i": 1, "d": "41224824458", "n": "Maria Sigilosa"}],
            )  # fmt: skip
    assert "41224824458" not in str(refused.value) and "Sigilosa" not in str(refused.value)
    configure_file_logging()
    assert logging.getLogger("httpx").level == logging.WARNING
