"""emendo: repair text extracted from PDF books into a clean, structured, cited edition.

>>> from emendo.pipeline import repair_text
>>> repair_text("The condence of the ocers was shaken.").blocks[0].text
'The confidence of the officers was shaken.'
"""

__version__ = "0.1.0"
