#!/bin/sh
# Trains every default model from the public data sets into models/ (what
# `wordloom language|pii|entities|sentiment|keyphrases` and the service load by
# default). Idempotent: a model that already exists is skipped (pass
# --force to retrain). Models are never committed (.gitignore).
#
# Usage: scripts/train-default-models.sh [--force] [BUILD_DIR]
# Env:   WORDLOOM_DATA (default ../shared/corpora), WORDLOOM_MODELS (default models)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FORCE=0
if [ "${1:-}" = "--force" ]; then FORCE=1; shift; fi
BUILD=${1:-$ROOT/build}
DATA=${WORDLOOM_DATA:-$ROOT/../shared/corpora}
MODELS=${WORDLOOM_MODELS:-$ROOT/models}
WL=$BUILD/bin/wordloom
[ -x "$WL" ] || { echo "train-default-models: no $WL; build first (ninja -C $BUILD wordloom)" >&2; exit 1; }
[ -d "$DATA" ] || { echo "train-default-models: no data at $DATA (set WORDLOOM_DATA)" >&2; exit 1; }
mkdir -p "$MODELS/jobs"

# train NAME COMMAND...: runs COMMAND unless $MODELS/NAME exists.
train() {
  name=$1; shift
  if [ "$FORCE" = 0 ] && [ -s "$MODELS/$name" ]; then
    echo "train-default-models: $MODELS/$name exists, skipped"
    return 0
  fi
  start=$(date +%s)
  "$@"
  echo "train-default-models: $MODELS/$name in $(( $(date +%s) - start )) s"
}

# Dominant language: character 1-5-gram naive Bayes on the UDHR sample (50 variants).
train language.wlm "$WL" train-language --udhr "$DATA/udhr_multilingual" --output "$MODELS/language.wlm"
# Entities: averaged-perceptron BILOU tagger on CoNLL-2003 English train, with
# word clusters from Reuters-21578; the validation split picks the epoch and
# calibrates Score (under a minute on 2 cores).
train entities.wlm "$WL" train-entities --train "$DATA/conll2003_en/eng.train" --dev "$DATA/conll2003_en/eng.testa" --unlabeled "$DATA/reuters21578" --unlabeled-format reuters --output "$MODELS/entities.wlm"
# Sentiment: NB-weighted logistic regression (NB-SVM recipe) on SST-2 train+dev, MR and the UCI
# labelled sentences (shared parts only), Platt-calibrated by 5-fold cross-fitting (a few seconds).
train sentiment.wlm "$WL" train-sentiment --sst "$DATA/sst/stsa.binary.train" --sst "$DATA/sst/stsa.binary.dev" --mr "$DATA/mr_rt_polarity" --uci "$DATA/uci_sentiment_labelled_sentences/amazon_cells_labelled.txt" --uci "$DATA/uci_sentiment_labelled_sentences/imdb_labelled.txt" --uci "$DATA/uci_sentiment_labelled_sentences/yelp_labelled.txt" --output "$MODELS/sentiment.wlm"
# Topics demo (DetectTopics model id "topics"): LDA, K = 20, on the AP sample in
# lda-c form; the Comprehend job files stay in $MODELS/jobs/topics-ap (seconds).
train topics.wlm sh -c '"$1" train-topics --input "$2/ap_lda_c/ap.dat" --format lda-c \
  --vocab "$2/ap_lda_c/vocab.txt" --topics 20 --iterations 200 --seed 1 --quiet \
  --out "$3/jobs/topics-ap" && cp "$3/jobs/topics-ap/model.wlm" "$3/topics.wlm"' sh "$WL" "$DATA" "$MODELS"
# Classifier demo (ClassifyText model id "question-type"): TREC-6 question types,
# fastText-style bigram model; TREC's "DESC:manner" coarse class becomes the label.
train question-type.wlm sh -c 'iconv -f latin1 -t utf-8 "$2/trec_qc/TREC.train" |
  awk "{ split(\$1, a, \":\"); \$1 = \"\"; print \"__label__\" a[1] \$0 }" > "$3/jobs/trec6.train" &&
  "$1" train-classifier --input "$3/jobs/trec6.train" --output "$3/question-type.wlm" \
    --epoch 25 --lr 0.5 --word-ngrams 2' sh "$WL" "$DATA" "$MODELS"
# Keyphrases background (what `wordloom keyphrases` and DetectKeyPhrases use for
# idf without a corpus store): document frequencies of Reuters-21578 and
# 20 Newsgroups train, terms in >= 2 documents (seconds).
train keyphrases-background.wlm "$WL" train-keyphrases --format auto --min-df 2 \
  --source "Reuters-21578 + 20 Newsgroups train (WORDLOOM_DATA)" \
  --input "$DATA"/reuters21578/reut2-*.sgm --input "$DATA/20newsgroups_bydate/20news-bydate-train" \
  --output "$MODELS/keyphrases-background.wlm"
