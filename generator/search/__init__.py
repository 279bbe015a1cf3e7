"""The site's own search: `index.build_index` makes the lazy index from the built pages, segmented with
the jieba dictionary that `terms.user_dictionary` writes from `catalog/search.yaml`."""
