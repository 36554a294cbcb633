#!/usr/bin/python3
"""Writes tfidf_sklearn.tsv: scikit-learn's TfidfVectorizer values for
tfidf_docs.txt (one pre-tokenized document per line), default settings and
sublinear_tf=True, as `setting<TAB>line<TAB>term<TAB>weight` (repr of the
float64). Regenerate with /usr/bin/python3 (Debian's scikit-learn)."""
import os
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "tfidf_docs.txt"), encoding="utf-8", newline="\n") as f:
    docs = f.read().split("\n")
if docs and docs[-1] == "":
    docs.pop()
with open(os.path.join(here, "tfidf_sklearn.tsv"), "w", encoding="utf-8", newline="\n") as out:
    out.write(f"# scikit-learn {sklearn.__version__}\n")
    for name, kwargs in (("default", {}), ("sublinear", {"sublinear_tf": True})):
        vec = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, **kwargs)
        m = vec.fit_transform(docs).tocoo()
        terms = vec.get_feature_names_out()
        for r, c, v in sorted(zip(m.row, m.col, m.data)):
            out.write(f"{name}\t{r + 1}\t{terms[c]}\t{float(v)!r}\n")
