"""The reference parser behind :func:`emendo.apparatus.parse.parse_reference`.

One reference string goes through four small steps, each in its own module:

1. :mod:`.tokens` cuts it into word and punctuation tokens with their offsets;
2. :mod:`.crf` labels the tokens with a trained CRF over :mod:`.features`, or
   :mod:`.rules` labels them when python-crfsuite or the model is missing;
3. :mod:`.fields` groups labelled tokens into fields (the unit the
   evaluation counts);
4. :mod:`.csl` turns the fields into a CSL-JSON item, with :mod:`.names`
   and :mod:`.dates` for the structured parts.

:mod:`.data` reads hand-labelled references for training and evaluation.
"""
