#include "nlp/text/subword.h"

#include <dlfcn.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/status_macros.h"
#include "nlp/text/spm_shim/spm_shim_api.h"
#include "nlp/text/tokenizer.h"
#include "nlp/text/utf8.h"

namespace wordloom::nlp {
namespace {

// Function pointers into the shim, resolved once per process.
struct Shim {
  decltype(&wl_spm_abi) abi;
  decltype(&wl_spm_load) load;
  decltype(&wl_spm_free) free_model;
  decltype(&wl_spm_vocab_size) vocab_size;
  decltype(&wl_spm_id_to_piece) id_to_piece;
  decltype(&wl_spm_encode) encode;
  decltype(&wl_spm_encode_pieces) encode_pieces;
  decltype(&wl_spm_result_size) result_size;
  decltype(&wl_spm_result_id) result_id;
  decltype(&wl_spm_result_piece) result_piece;
  decltype(&wl_spm_result_begin) result_begin;
  decltype(&wl_spm_result_end) result_end;
  decltype(&wl_spm_result_free) result_free;
  decltype(&wl_spm_decode) decode;
  decltype(&wl_spm_result_text) result_text;
  decltype(&wl_spm_train) train;
};

template <typename F>
bool Resolve(void* handle, const char* name, F* out) {
  *out = reinterpret_cast<F>(dlsym(handle, name));
  return *out != nullptr;
}

absl::StatusOr<Shim> LoadShim() {
  WL_ASSIGN_OR_RETURN(std::string path, FindSpmShim());
  // A fresh namespace: the shim's sentencepiece and protobuf-lite never bind
  // to the libprotobuf of this process. Works under ASan, unlike DEEPBIND.
  void* handle = dlmopen(LM_ID_NEWLM, path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat("cannot load ", path, ": ", dlerror()));
  }
  Shim s;
  bool ok = Resolve(handle, "wl_spm_abi", &s.abi) && Resolve(handle, "wl_spm_load", &s.load) &&
            Resolve(handle, "wl_spm_free", &s.free_model) &&
            Resolve(handle, "wl_spm_vocab_size", &s.vocab_size) &&
            Resolve(handle, "wl_spm_id_to_piece", &s.id_to_piece) &&
            Resolve(handle, "wl_spm_encode", &s.encode) &&
            Resolve(handle, "wl_spm_encode_pieces", &s.encode_pieces) &&
            Resolve(handle, "wl_spm_result_size", &s.result_size) &&
            Resolve(handle, "wl_spm_result_id", &s.result_id) &&
            Resolve(handle, "wl_spm_result_piece", &s.result_piece) &&
            Resolve(handle, "wl_spm_result_begin", &s.result_begin) &&
            Resolve(handle, "wl_spm_result_end", &s.result_end) &&
            Resolve(handle, "wl_spm_result_free", &s.result_free) &&
            Resolve(handle, "wl_spm_decode", &s.decode) &&
            Resolve(handle, "wl_spm_result_text", &s.result_text) &&
            Resolve(handle, "wl_spm_train", &s.train);
  if (!ok || s.abi() != WL_SPM_SHIM_ABI) {
    return absl::FailedPreconditionError(
        absl::StrCat(path, " is not a compatible wordloom sentencepiece shim (ABI ",
                     WL_SPM_SHIM_ABI, " expected)"));
  }
  return s;
}

const absl::StatusOr<Shim>& GetShim() {
  static const absl::StatusOr<Shim>* shim = new absl::StatusOr<Shim>(LoadShim());
  return *shim;
}

constexpr size_t kErrorSize = 1024;

}  // namespace

absl::StatusOr<std::string> FindSpmShim() {
  constexpr const char* kName = "libwordloom_spm_shim.so";
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("WORDLOOM_SPM_SHIM"); env && *env) candidates.push_back(env);
#ifdef WORDLOOM_SPM_SHIM_BUILD_PATH
  candidates.push_back(WORDLOOM_SPM_SHIM_BUILD_PATH);
#endif
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    candidates.push_back((exe.parent_path() / kName).string());
    candidates.push_back((exe.parent_path() / ".." / "lib" / kName).string());
    // A Bazel-built program or test (its runfiles tree).
    candidates.push_back(exe.string() + ".runfiles/wordloom/nlp/text/" + kName);
  }
  for (const std::string& candidate : candidates) {
    if (::access(candidate.c_str(), R_OK) == 0) return candidate;
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "cannot find ", kName, " (looked in: ", absl::StrJoin(candidates, ", "),
      "); set WORDLOOM_SPM_SHIM to its path"));
}

absl::StatusOr<std::unique_ptr<SubwordModel>> SubwordModel::Load(const std::string& path) {
  if (::access(path.c_str(), R_OK) != 0) {
    return absl::NotFoundError(absl::StrCat("cannot read subword model ", path));
  }
  WL_ASSIGN_OR_RETURN(const Shim& shim, GetShim());
  char error[kErrorSize] = "";
  wl_spm_model* model = shim.load(path.c_str(), error, sizeof(error));
  if (model == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a sentencepiece model: ", path, ": ", error));
  }
  return std::unique_ptr<SubwordModel>(new SubwordModel(model));
}

SubwordModel::~SubwordModel() { GetShim()->free_model(model_); }

int32_t SubwordModel::vocab_size() const { return GetShim()->vocab_size(model_); }

std::string SubwordModel::IdToPiece(int32_t id) const {
  if (id < 0 || id >= vocab_size()) return "";
  size_t size = 0;
  const char* data = GetShim()->id_to_piece(model_, id, &size);
  return std::string(data, size);
}

absl::Status SubwordModel::EncodeChunk(std::string_view text, uint64_t base,
                                       std::vector<SubwordPiece>* out) const {
  const Shim& shim = *GetShim();
  char error[kErrorSize] = "";
  wl_spm_result* result = shim.encode(model_, text.data(), text.size(), error, sizeof(error));
  if (result == nullptr) return absl::InternalError(absl::StrCat("sentencepiece: ", error));
  const size_t n = shim.result_size(result);
  for (size_t i = 0; i < n; ++i) {
    size_t size = 0;
    const char* piece = shim.result_piece(result, i, &size);
    out->push_back({shim.result_id(result, i), std::string(piece, size),
                    base + shim.result_begin(result, i), base + shim.result_end(result, i)});
  }
  shim.result_free(result);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<SubwordPiece>> SubwordModel::Encode(std::string_view text) const {
  WL_RETURN_IF_ERROR(ValidateUtf8(text));
  std::vector<SubwordPiece> pieces;
  size_t start = 0;
  for (size_t end : ChunkBoundaries(text, 1 << 20)) {
    WL_RETURN_IF_ERROR(EncodeChunk(text.substr(start, end - start), start, &pieces));
    start = end;
  }
  return pieces;
}

absl::Status SubwordModel::EncodeChunkToText(std::string_view text, size_t line_start,
                                             std::string* out) const {
  const Shim& shim = *GetShim();
  char error[kErrorSize] = "";
  wl_spm_result* result = shim.encode_pieces(model_, text.data(), text.size(), error, sizeof(error));
  if (result == nullptr) return absl::InternalError(absl::StrCat("sentencepiece: ", error));
  const size_t n = shim.result_size(result);
  for (size_t i = 0; i < n; ++i) {
    size_t size = 0;
    const char* piece = shim.result_piece(result, i, &size);
    if (out->size() > line_start) out->push_back(' ');
    out->append(piece, size);
  }
  shim.result_free(result);
  return absl::OkStatus();
}

absl::Status SubwordModel::EncodeToText(std::string_view text, std::string* out) const {
  WL_RETURN_IF_ERROR(ValidateUtf8(text));
  const size_t line_start = out->size();
  size_t start = 0;
  for (size_t end : ChunkBoundaries(text, 1 << 20)) {
    WL_RETURN_IF_ERROR(EncodeChunkToText(text.substr(start, end - start), line_start, out));
    start = end;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> SubwordModel::Decode(const std::vector<int32_t>& ids) const {
  const int32_t size = vocab_size();
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] < 0 || ids[i] >= size) {
      return absl::InvalidArgumentError(
          absl::StrCat("subword id ", ids[i], " at position ", i, " is outside [0, ", size, ")"));
    }
  }
  const Shim& shim = *GetShim();
  char error[kErrorSize] = "";
  wl_spm_result* result = shim.decode(model_, ids.data(), ids.size(), error, sizeof(error));
  if (result == nullptr) return absl::InternalError(absl::StrCat("sentencepiece: ", error));
  size_t text_size = 0;
  const char* text = shim.result_text(result, &text_size);
  std::string decoded(text, text_size);
  shim.result_free(result);
  return decoded;
}

absl::Status SubwordModel::Train(const SubwordTrainOptions& options) {
  if (options.inputs.empty()) return absl::InvalidArgumentError("no training input given");
  if (options.model_prefix.empty()) return absl::InvalidArgumentError("no model prefix given");
  if (options.vocab_size < 8) return absl::InvalidArgumentError("vocab size must be at least 8");
  for (const std::string& input : options.inputs) {
    if (::access(input.c_str(), R_OK) != 0) {
      return absl::NotFoundError(absl::StrCat("cannot read training input ", input));
    }
  }
  int threads = options.threads > 0 ? options.threads
                                    : static_cast<int>(std::thread::hardware_concurrency());
  std::string args = absl::StrCat(
      "--input=", absl::StrJoin(options.inputs, ","), " --model_prefix=", options.model_prefix,
      " --vocab_size=", options.vocab_size, " --model_type=", options.model_type,
      " --character_coverage=", options.character_coverage, " --num_threads=", std::max(1, threads),
      " --input_sentence_size=", options.input_sentence_size,
      " --shuffle_input_sentence=true --minloglevel=1");
  WL_ASSIGN_OR_RETURN(const Shim& shim, GetShim());
  char error[kErrorSize] = "";
  if (shim.train(args.c_str(), error, sizeof(error)) != 0) {
    return absl::InternalError(absl::StrCat("sentencepiece training failed: ", error));
  }
  return absl::OkStatus();
}

}  // namespace wordloom::nlp
