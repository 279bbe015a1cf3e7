"""The 繁体 copy of the site: `pages.build_traditional` converts the built 简体 pages with OpenCC (s2hk),
keeping 文号 as written; `runtime.table_json` ships the dictionary subset the pages convert with at run time."""
