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
