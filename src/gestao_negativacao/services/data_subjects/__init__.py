"""The rights of the people in the portfolio (LGPD): the Relatório do titular (``report``,
``pdf``) and anonymisation after the retention period (``anonymise``)."""
