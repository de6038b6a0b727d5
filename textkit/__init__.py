"""Shiliu's text toolkit: one answer to "is this the same text?", plus HTML, StreamField and file text.

The bottom layer: it imports no project app, only the standard library, jieba, OpenCC,
pypinyin, Beautiful Soup and Wagtail's value classes (so the StreamField walker can recognise them).

- :mod:`textkit.normalise`: :func:`~textkit.normalise.fold`, the one comparison form, with
  spans back to the text as written.
- :mod:`textkit.analysis`: search tokens (jieba segmentation on folded text).
- :mod:`textkit.html`: cleaning pasted HTML, and rich text to plain text.
- :mod:`textkit.stream`: the plain texts inside StreamField values.
- :mod:`textkit.decode`: bytes of a text file to text (UTF-8 or GB18030).
- :mod:`textkit.limits`: archive size and part limits checked before parsing, and a deadline.
- :mod:`textkit.slugs`: short pinyin slugs for Chinese titles (pypinyin).
"""
