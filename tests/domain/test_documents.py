import pytest

from gestao_negativacao.domain.documents import (
    InvalidDocument,
    format_document,
    is_valid_cnpj,
    is_valid_cpf,
    mask_for_log,
    parse_cnpj,
    parse_document,
)
from gestao_negativacao.domain.enums import PersonKind


@pytest.mark.parametrize("text", ["412.248.244-58", "41224824458", " 412.248.244-58 "])
def test_cpf_masked_or_bare(text):
    doc = parse_document(text)
    assert doc.value == "41224824458"
    assert doc.kind is PersonKind.PERSON


@pytest.mark.parametrize("digit", "0123456789")
def test_cpf_of_one_repeated_digit_is_refused(digit):
    # python-stdnum 2.2 accepts these; the law's check digits happen to match
    assert not is_valid_cpf(digit * 11)
    with pytest.raises(InvalidDocument):
        parse_document(digit * 11)


def test_cnpj_numeric_and_alphanumeric():
    assert parse_document("29.141.777/0001-58").value == "29141777000158"
    alpha = parse_document("12.abc.345/01de-35")
    assert alpha.value == "12ABC34501DE35"
    assert alpha.kind is PersonKind.COMPANY
    assert parse_document("0S.HE6.K11/0001-09").value == "0SHE6K11000109"
    assert not is_valid_cnpj("11111111111111")
    assert not is_valid_cnpj("12ABC34501DE36")


def test_wrong_check_digit_messages():
    with pytest.raises(InvalidDocument, match="CPF inválido"):
        parse_document("412.248.244-59")
    with pytest.raises(InvalidDocument, match="CNPJ inválido"):
        parse_document("29.141.777/0001-59")
    with pytest.raises(InvalidDocument, match="13 dígitos"):
        parse_document("1234567890123")
    with pytest.raises(InvalidDocument, match="vazio"):
        parse_document("  ")
    with pytest.raises(InvalidDocument):
        parse_document("12345678909ÇÃ")


def test_leading_zeros_lost_by_a_spreadsheet_come_back():
    assert parse_document("1610339622").value == "01610339622"  # CPF 016.103.396-22
    # a CNPJ whose three leading zeros were dropped looks like 11 digits
    assert parse_document("12345100119").value == "00012345100119"
    # ambiguous runs are read as a CPF first: 00000000191 is a valid CPF
    assert parse_document("191").kind is PersonKind.PERSON


def test_parse_cnpj_refuses_a_cpf():
    with pytest.raises(InvalidDocument, match="esperado um CNPJ"):
        parse_cnpj("41224824458")


def test_masks():
    assert format_document("41224824458") == "412.248.244-58"
    assert format_document("12ABC34501DE35") == "12.ABC.345/01DE-35"
    assert mask_for_log("41224824458") == "***.248.244-**"
    assert "01DE" not in mask_for_log("12ABC34501DE35")
