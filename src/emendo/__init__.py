r"""emendo: repair text extracted from PDF books into a clean, structured, cited edition.

>>> from emendo.pipeline import repair_text
>>> page = "The condence of the ocers was shaken. It was dicult to nd a rm that would\nnance the eet."
>>> repair_text(page).blocks[0].text
'The confidence of the officers was shaken. It was difficult to find a firm that would finance the fleet.'
"""

__version__ = "0.1.0"
