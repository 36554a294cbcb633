// libwordloom_spm_shim.so: the implementation of spm_shim_api.h. This is the
// only translation unit that includes sentencepiece's headers (they declare
// `absl::string_view` as std::string_view, which clashes with Debian's Abseil).
#include <cstring>
#include <string>
#include <vector>

#include "nlp/text/spm_shim/spm_shim_api.h"
#include "sentencepiece_processor.h"
#include "sentencepiece_trainer.h"

struct wl_spm_model {
  sentencepiece::SentencePieceProcessor processor;
};

struct wl_spm_result {
  struct Piece {
    int32_t id;
    uint32_t begin, end;
    std::string piece;
  };
  std::vector<Piece> pieces;
  std::string text;
};

namespace {

void SetError(char* error, size_t error_size, const std::string& message) {
  if (error == nullptr || error_size == 0) return;
  size_t n = std::min(error_size - 1, message.size());
  std::memcpy(error, message.data(), n);
  error[n] = '\0';
}

}  // namespace

extern "C" {

int wl_spm_abi(void) { return WL_SPM_SHIM_ABI; }

wl_spm_model* wl_spm_load(const char* path, char* error, size_t error_size) {
  auto* model = new wl_spm_model;
  auto status = model->processor.Load(path);
  if (!status.ok()) {
    SetError(error, error_size, status.ToString());
    delete model;
    return nullptr;
  }
  return model;
}

void wl_spm_free(wl_spm_model* model) { delete model; }

int32_t wl_spm_vocab_size(const wl_spm_model* model) { return model->processor.GetPieceSize(); }

const char* wl_spm_id_to_piece(const wl_spm_model* model, int32_t id, size_t* size) {
  const std::string& piece = model->processor.IdToPiece(id);
  *size = piece.size();
  return piece.data();
}

wl_spm_result* wl_spm_encode(const wl_spm_model* model, const char* text, size_t size,
                             char* error, size_t error_size) {
  sentencepiece::ImmutableSentencePieceText spt;
  auto status = model->processor.Encode(std::string_view(text, size), spt.mutable_proto());
  if (!status.ok()) {
    SetError(error, error_size, status.ToString());
    return nullptr;
  }
  auto* result = new wl_spm_result;
  const size_t n = spt.pieces_size();
  result->pieces.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    auto piece = spt.pieces(static_cast<int>(i));
    result->pieces.push_back(
        {static_cast<int32_t>(piece.id()), piece.begin(), piece.end(), piece.piece()});
  }
  return result;
}

wl_spm_result* wl_spm_encode_pieces(const wl_spm_model* model, const char* text, size_t size,
                                    char* error, size_t error_size) {
  std::vector<std::string> pieces;
  auto status = model->processor.Encode(std::string_view(text, size), &pieces);
  if (!status.ok()) {
    SetError(error, error_size, status.ToString());
    return nullptr;
  }
  auto* result = new wl_spm_result;
  result->pieces.reserve(pieces.size());
  for (std::string& piece : pieces) result->pieces.push_back({-1, 0, 0, std::move(piece)});
  return result;
}

size_t wl_spm_result_size(const wl_spm_result* result) { return result->pieces.size(); }
int32_t wl_spm_result_id(const wl_spm_result* result, size_t i) { return result->pieces[i].id; }
const char* wl_spm_result_piece(const wl_spm_result* result, size_t i, size_t* size) {
  *size = result->pieces[i].piece.size();
  return result->pieces[i].piece.data();
}
uint32_t wl_spm_result_begin(const wl_spm_result* result, size_t i) {
  return result->pieces[i].begin;
}
uint32_t wl_spm_result_end(const wl_spm_result* result, size_t i) { return result->pieces[i].end; }
void wl_spm_result_free(wl_spm_result* result) { delete result; }

wl_spm_result* wl_spm_decode(const wl_spm_model* model, const int32_t* ids, size_t n, char* error,
                             size_t error_size) {
  std::vector<int> id_vector(ids, ids + n);
  auto* result = new wl_spm_result;
  auto status = model->processor.Decode(id_vector, &result->text);
  if (!status.ok()) {
    SetError(error, error_size, status.ToString());
    delete result;
    return nullptr;
  }
  return result;
}

const char* wl_spm_result_text(const wl_spm_result* result, size_t* size) {
  *size = result->text.size();
  return result->text.data();
}

int wl_spm_train(const char* args, char* error, size_t error_size) {
  auto status = sentencepiece::SentencePieceTrainer::Train(args);
  if (!status.ok()) {
    SetError(error, error_size, status.ToString());
    return 1;
  }
  return 0;
}

}  // extern "C"
