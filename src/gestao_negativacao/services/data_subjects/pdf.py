"""The Relatório do titular as a PDF a person can read: the same content as the JSON, in
sections and tables, dates and money written the Brazilian way.

A TrueType font of the system is used where there is one (Arial on Windows, DejaVu on
Linux) so that any name prints as written; without one, the PDF core font prints Latin-1
and anything beyond it as "?" (the JSON always has the exact text)."""

from __future__ import annotations

import os
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

from gestao_negativacao.domain.money import format_brl
from gestao_negativacao.domain.schedule import LOCAL

_FONTS = (
    (Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts", "arial.ttf", "arialbd.ttf"),
    (Path("/usr/share/fonts/truetype/dejavu"), "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
)


class _Report(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.family = "helvetica"
        self.unicode = False
        for folder, regular, bold in _FONTS:
            if (folder / regular).is_file() and (folder / bold).is_file():
                self.add_font("texto", "", str(folder / regular))
                self.add_font("texto", "B", str(folder / bold))
                self.family, self.unicode = "texto", True
                break
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, 15)

    def text_of(self, value: Any) -> str:
        text = "" if value is None else str(value)
        if self.unicode:
            return text
        return text.encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 8)
        self.cell(0, 5, f"Página {self.page_no()} de {{nb}}", align="C")


def _date(value: Any) -> str:
    if not value:
        return ""
    text = str(value)
    try:
        if "T" in text:
            return datetime.fromisoformat(text).astimezone(LOCAL).strftime("%d/%m/%Y %H:%M")
        return date.fromisoformat(text).strftime("%d/%m/%Y")
    except ValueError:
        return text


def _money(value: Any) -> str:
    if value in (None, ""):
        return ""
    try:
        return format_brl(Decimal(str(value)))
    except InvalidOperation:
        return str(value)


def _heading(pdf: _Report, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(pdf.family, "B", 12)
    pdf.cell(0, 7, pdf.text_of(text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 9)


def _line(pdf: _Report, label: str, value: Any) -> None:
    if value in (None, "", []):
        return
    pdf.set_font(pdf.family, "B", 9)
    pdf.cell(45, 5, pdf.text_of(label))
    pdf.set_font(pdf.family, "", 9)
    pdf.multi_cell(0, 5, pdf.text_of(value), new_x="LMARGIN", new_y="NEXT")


def _paragraph(pdf: _Report, text: str, size: int = 9) -> None:
    pdf.set_font(pdf.family, "", size)
    pdf.multi_cell(0, 4.5, pdf.text_of(text), new_x="LMARGIN", new_y="NEXT")


def _table(
    pdf: _Report, headers: list[str], rows: list[list[Any]], *, empty: str, widths=None
) -> None:
    if not rows:
        _paragraph(pdf, empty)
        return
    pdf.set_font(pdf.family, "", 8)
    with pdf.table(
        col_widths=widths,
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
        line_height=4.5,
        text_align="LEFT",
    ) as table:
        header = table.row()
        for title in headers:
            header.cell(pdf.text_of(title))
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(pdf.text_of(value))


def _subject(pdf: _Report, report: dict) -> None:
    _heading(pdf, "Titular")
    person = report.get("titular")
    if person is None:
        _paragraph(
            pdf,
            "Nenhum cadastro com este CPF/CNPJ na carteira (ou o cadastro já foi anonimizado).",
        )
        return
    address = person["endereco"]
    street = ", ".join(
        str(v) for v in (address["logradouro"], address["numero"], address["complemento"]) if v
    )
    place = " - ".join(str(v) for v in (address["bairro"], address["cidade"], address["uf"]) if v)
    _line(pdf, "Nome", person["nome"])
    _line(pdf, "CPF/CNPJ", f"{person['documento']} ({person['tipo']})")
    _line(pdf, "Nascimento", _date(person["nascimento"]))
    _line(pdf, "E-mail", person["email"])
    _line(pdf, "Telefone", person["telefone"])
    _line(pdf, "Endereço", street)
    _line(pdf, "", place)
    _line(pdf, "CEP", address["cep"])


def _sales(pdf: _Report, report: dict) -> None:
    _heading(pdf, "Vendas e parcelas")
    if not report.get("vendas"):
        _paragraph(pdf, "Nada consta.")
    for sale in report.get("vendas", []):
        situation = sale["situacao"] or ""
        if sale["data_da_situacao"]:
            situation += f" desde {_date(sale['data_da_situacao'])}"
        _paragraph(
            pdf,
            f"Venda {sale['venda']} — {sale['empresa']} — {sale['papel']} — {situation}",
        )
        _table(
            pdf,
            [
                "Parcela",
                "Vencimento",
                "Prorrogada",
                "Valor",
                "Corrigido",
                "Pago",
                "Pago em",
                "Em aberto",
            ],
            [
                [
                    i["parcela"],
                    _date(i["vencimento"]),
                    _date(i["vencimento_prorrogado"]),
                    _money(i["valor"]),
                    _money(i["valor_corrigido"]),
                    _money(i["valor_pago"]),
                    _date(i["data_do_pagamento"]),
                    _money(i["em_aberto"]),
                ]
                for i in sale["parcelas"]
            ],
            empty="Nenhuma parcela.",
        )
        pdf.ln(2)


def _negativations(pdf: _Report, report: dict) -> None:
    _heading(pdf, "Negativações nos birôs de crédito")
    found = report.get("negativacoes", [])
    _table(
        pdf,
        [
            "Venda / parcela",
            "Birô",
            "Papel",
            "Situação",
            "Incluída",
            "Visível",
            "Baixada",
            "Motivo da baixa",
        ],
        [
            [
                f"{n['venda']} / {n['parcela']}",
                n["biro"],
                n["papel"],
                n["situacao"],
                _date(n["incluida_em"]),
                _date(n["visivel_a_partir_de"]),
                _date(n["baixada_em"]),
                n["motivo_da_baixa"] or "",
            ]
            for n in found
        ],
        empty="Nenhuma negativação.",
    )
    for n in found:
        if not n["historico"]:
            continue
        pdf.ln(1)
        _paragraph(pdf, f"Histórico — venda {n['venda']}, parcela {n['parcela']}, {n['biro']}:")
        for e in n["historico"]:
            extra = f" — {e['mensagem']}" if e["mensagem"] else ""
            protocol = f" (protocolo {e['protocolo']})" if e["protocolo"] else ""
            _paragraph(pdf, f"  {_date(e['quando'])}  {e['o_que']}{protocol}{extra}", size=8)


def _others(pdf: _Report, report: dict) -> None:
    _heading(pdf, "Bloqueios, acordos e avisos prévios")
    _table(
        pdf,
        ["Bloqueio", "Motivo", "Desde", "Até", "Retirado em"],
        [
            [h["origem"], h["motivo"], _date(h["desde"]), _date(h["ate"]), _date(h["retirado_em"])]
            for h in report.get("bloqueios", [])
        ],
        empty="Nenhum bloqueio.",
    )
    pdf.ln(1)
    _table(
        pdf,
        ["Acordo feito em", "Parcelas", "Observação"],
        [
            [
                _date(a["feito_em"]),
                "; ".join(
                    f"{p['parcela']}: {_money(p['valor'])} em {_date(p['vencimento'])}"
                    + (f" (paga {_date(p['paga_em'])})" if p["paga_em"] else "")
                    for p in a["parcelas"]
                ),
                a["observacao"],
            ]
            for a in report.get("acordos", [])
        ],
        empty="Nenhum acordo.",
    )
    pdf.ln(1)
    _table(
        pdf,
        ["Aviso prévio em", "E-mail", "Resultado"],
        [
            [_date(n["enviado_em"]), n["email"], n["resultado"]]
            for n in report.get("avisos_previos", [])
        ],
        empty="Nenhum aviso prévio.",
    )


def _credit(pdf: _Report, report: dict) -> None:
    credit = report["credito"]
    _heading(pdf, "Crédito")
    if credit["perfil"]:
        limit = _money(credit["perfil"]["limite"])
        _line(pdf, "Situação", f"{credit['perfil']['situacao']}, limite {limit}")
    _table(
        pdf,
        ["Pedido em", "Venda", "Valor", "Situação", "Decidido por", "Motivos"],
        [
            [
                _date(r["pedido_em"]),
                r["venda"],
                _money(r["valor"]),
                r["situacao"],
                r["decidido_por"] or "",
                "; ".join(map(str, r["motivos"])),
            ]
            for r in credit["pedidos"]
        ],
        empty="Nenhum pedido de crédito.",
    )
    pdf.ln(1)
    _table(
        pdf,
        ["Consulta em", "Birô", "Usuário", "Score", "Restrições", "Protestos"],
        [
            [
                _date(q["quando"]),
                q["biro"],
                q["usuario"],
                q["score"] if q["score"] is not None else "",
                len(q["relatorio"].get("restricoes", []) or []),
                len(q["relatorio"].get("protestos", []) or []),
            ]
            for q in credit["consultas_aos_biros"]
        ],
        empty="Nenhuma consulta aos birôs.",
    )


def _audit(pdf: _Report, report: dict) -> None:
    _heading(pdf, "Registro das operações (auditoria)")
    _table(
        pdf,
        ["Quando", "Usuário", "Estação", "Operação"],
        [
            [_date(a["quando"]), a["usuario"], a["estacao"], a["acao"]]
            for a in report.get("auditoria", [])
        ],
        empty="Nenhum registro.",
        widths=(30, 30, 40, 80),
    )


def render_pdf(report: dict) -> bytes:
    pdf = _Report()
    pdf.set_title("Relatório do titular")
    pdf.add_page()
    pdf.set_font(pdf.family, "B", 15)
    pdf.cell(0, 9, "Relatório do titular (LGPD, art. 18)", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 9)
    _paragraph(
        pdf,
        f"CPF/CNPJ pedido: {report['documento_pedido']}. Gerado em "
        f"{_date(report['gerado_em'])} por {report['gerado_por']}.",
    )
    pdf.ln(1)
    _paragraph(pdf, report["finalidade"])
    if report["nada_consta"]:
        _heading(pdf, "Nada consta")
        _paragraph(pdf, "Não há dados desta pessoa nesta aplicação.")
    _subject(pdf, report)
    if report.get("titular"):
        _sales(pdf, report)
        _negativations(pdf, report)
        _others(pdf, report)
    _credit(pdf, report)
    _audit(pdf, report)
    return bytes(pdf.output())
