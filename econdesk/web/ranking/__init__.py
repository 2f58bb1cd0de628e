"""排位总表: one peer group and period, members as rows, indicators as columns (page and Excel)."""
