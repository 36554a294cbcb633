#include "nlp/text/tokenizer.h"

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "nlp/text/ascii_segmenter.h"
#include "nlp/text/special_spans.h"
#include "nlp/text/token_class.h"
#include "nlp/text/utf8.h"

namespace wordloom::nlp {

std::vector<size_t> ChunkBoundaries(std::string_view text, size_t chunk_bytes) {
  std::vector<size_t> ends;
  if (chunk_bytes < 16) chunk_bytes = 16;
  size_t start = 0;
  while (text.size() - start > chunk_bytes) {
    size_t limit = start + chunk_bytes;
    size_t cut = 0;
    for (size_t i = limit; i > limit - chunk_bytes / 4; --i) {
      char c = text[i - 1];
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
        cut = i;
        break;
      }
    }
    if (cut == 0) cut = start + Utf8SafeCut(text.substr(start), chunk_bytes);
    if (cut <= start) cut = limit;
    ends.push_back(cut);
    start = cut;
  }
  ends.push_back(text.size());
  return ends;
}

absl::StatusOr<std::unique_ptr<Tokenizer>> Tokenizer::Create(const TokenizerOptions& options) {
  WL_ASSIGN_OR_RETURN(auto normalizer, Normalizer::Create(options.normalizer));
  WL_ASSIGN_OR_RETURN(auto words, IcuSegmenter::Create(IcuSegmenter::Unit::kWord, options.locale));
  WL_ASSIGN_OR_RETURN(auto sentences,
                      IcuSegmenter::Create(IcuSegmenter::Unit::kSentence, options.locale));
  std::unique_ptr<StopwordList> stopwords;
  if (options.remove_stopwords) {
    if (!options.stopwords_file.empty()) {
      WL_ASSIGN_OR_RETURN(stopwords, StopwordList::FromFile(options.stopwords_file));
    } else {
      WL_ASSIGN_OR_RETURN(stopwords, StopwordList::BuiltIn(options.stopwords_language));
    }
  }
  return std::unique_ptr<Tokenizer>(new Tokenizer(options, std::move(normalizer), std::move(words),
                                                  std::move(sentences), std::move(stopwords)));
}

Tokenizer::Tokenizer(TokenizerOptions options, std::unique_ptr<Normalizer> normalizer,
                     std::unique_ptr<IcuSegmenter> words, std::unique_ptr<IcuSegmenter> sentences,
                     std::unique_ptr<StopwordList> stopwords)
    : options_(std::move(options)),
      normalizer_(std::move(normalizer)),
      words_(std::move(words)),
      sentences_(std::move(sentences)),
      stopwords_(std::move(stopwords)) {}

absl::StatusOr<TokenizedDoc> Tokenizer::Tokenize(std::string_view text) const {
  TokenizedDoc doc;
  WL_RETURN_IF_ERROR(TokenizeInto(text, &doc));
  return doc;
}

absl::Status Tokenizer::TokenizeInto(std::string_view text, TokenizedDoc* doc) const {
  doc->Clear();
  if (options_.normalizer.invalid_utf8 == InvalidUtf8Policy::kError) {
    WL_RETURN_IF_ERROR(ValidateUtf8(text));
  }
  doc->tokens.reserve(text.size() / 5);
  doc->normalized.reserve(text.size());
  std::vector<Span> scratch;
  size_t start = 0;
  for (size_t end : ChunkBoundaries(text, options_.chunk_bytes)) {
    WL_RETURN_IF_ERROR(TokenizeChunk(text.substr(start, end - start), start, doc, &scratch));
    start = end;
  }
  return absl::OkStatus();
}

absl::Status Tokenizer::SegmentGap(std::string_view text, uint64_t base, bool ascii,
                                   std::vector<Span>* out) const {
  if (ascii) {
    SegmentAsciiWords(text, base, out);
    return absl::OkStatus();
  }
  return words_->Segment(text, base, out);
}

void Tokenizer::AddToken(std::string_view text, uint64_t base, Span span, TokenClass kind,
                         TokenizedDoc* doc) const {
  if (!options_.keep_punctuation &&
      (kind == TokenClass::kPunctuation || kind == TokenClass::kSymbol)) {
    return;
  }
  std::string_view raw = text.substr(span.begin - base, span.end - span.begin);
  size_t norm_begin = doc->normalized.size();
  if (kind == TokenClass::kUrl || kind == TokenClass::kEmail) {
    doc->normalized.append(raw);  // keep case: URL paths are case-sensitive
  } else {
    normalizer_->AppendNormalized(raw, &doc->normalized);
  }
  size_t norm_size = doc->normalized.size() - norm_begin;
  if (stopwords_ && stopwords_->Contains(std::string_view(doc->normalized).substr(norm_begin))) {
    doc->normalized.resize(norm_begin);
    return;
  }
  doc->tokens.push_back({span.begin, span.end, norm_begin, static_cast<uint32_t>(norm_size), kind});
}

absl::Status Tokenizer::TokenizeChunk(std::string_view chunk, uint64_t base, TokenizedDoc* doc,
                                      std::vector<Span>* scratch) const {
  const bool ascii = options_.ascii_fast_path && IsAscii(chunk);
  std::vector<SpecialSpan> special;
  if (options_.detect_urls_emails) FindSpecialSpans(chunk, &special);
  // Segment the gaps between special spans; emit everything in text order.
  uint64_t gap_begin = 0;
  for (size_t k = 0; k <= special.size(); ++k) {
    uint64_t gap_end = k < special.size() ? special[k].span.begin : chunk.size();
    scratch->clear();
    WL_RETURN_IF_ERROR(
        SegmentGap(chunk.substr(gap_begin, gap_end - gap_begin), base + gap_begin, ascii, scratch));
    for (const Span& span : *scratch) {
      std::string_view raw = chunk.substr(span.begin - base, span.end - span.begin);
      AddToken(chunk, base, span, ClassifyToken(raw), doc);
    }
    if (k < special.size()) {
      Span s{base + special[k].span.begin, base + special[k].span.end};
      AddToken(chunk, base, s, special[k].kind, doc);
      gap_begin = special[k].span.end;
    }
  }
  return absl::OkStatus();
}

absl::Status Tokenizer::SegmentWords(std::string_view text, bool use_fast_path,
                                     std::vector<Span>* out) const {
  size_t start = 0;
  for (size_t end : ChunkBoundaries(text, options_.chunk_bytes)) {
    std::string_view chunk = text.substr(start, end - start);
    WL_RETURN_IF_ERROR(SegmentGap(chunk, start, use_fast_path && IsAscii(chunk), out));
    start = end;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Span>> Tokenizer::SplitSentences(std::string_view text) const {
  if (options_.normalizer.invalid_utf8 == InvalidUtf8Policy::kError) {
    WL_RETURN_IF_ERROR(ValidateUtf8(text));
  }
  std::vector<Span> out;
  size_t start = 0;
  for (size_t end : ChunkBoundaries(text, options_.chunk_bytes)) {
    WL_RETURN_IF_ERROR(sentences_->Segment(text.substr(start, end - start), start, &out));
    start = end;
  }
  return out;
}

}  // namespace wordloom::nlp
