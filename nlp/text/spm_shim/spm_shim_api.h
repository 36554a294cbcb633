// The narrow C interface of libwordloom_spm_shim.so, the only code in
// wordloom that links sentencepiece.
//
// Why a shim: Debian's libsentencepiece.so carries and exports its own
// protobuf-lite 3.14, which aborts at start-up in any process that also links
// libprotobuf 3.21 (every gRPC program). The shim is loaded at run time into
// its own link-map namespace (dlmopen(LM_ID_NEWLM)), so its protobuf never
// meets ours. Memory never crosses the boundary in the other direction: the
// shim's namespace has its own malloc, so every object the shim returns is
// freed by the shim, and strings going in are only read.
#ifndef WORDLOOM_NLP_TEXT_SPM_SHIM_SPM_SHIM_API_H_
#define WORDLOOM_NLP_TEXT_SPM_SHIM_SPM_SHIM_API_H_

#include <stddef.h>
#include <stdint.h>

extern "C" {

typedef struct wl_spm_model wl_spm_model;
typedef struct wl_spm_result wl_spm_result;

// Version of this interface; bumped on any change.
#define WL_SPM_SHIM_ABI 2
int wl_spm_abi(void);

// Loads a .model file; null on error with a message in `error`.
wl_spm_model* wl_spm_load(const char* path, char* error, size_t error_size);
void wl_spm_free(wl_spm_model* model);
int32_t wl_spm_vocab_size(const wl_spm_model* model);
// The piece for `id` (not NUL-terminated), valid while the model lives.
const char* wl_spm_id_to_piece(const wl_spm_model* model, int32_t id, size_t* size);

// Encodes UTF-8 `text`; null on error. Pieces carry byte offsets into `text`.
wl_spm_result* wl_spm_encode(const wl_spm_model* model, const char* text, size_t size,
                             char* error, size_t error_size);
// Encodes to pieces only, as spm_encode does; faster than wl_spm_encode:
// no offsets (begin/end read 0) and no id look-up (ids read -1).
wl_spm_result* wl_spm_encode_pieces(const wl_spm_model* model, const char* text, size_t size,
                                    char* error, size_t error_size);
size_t wl_spm_result_size(const wl_spm_result* result);
int32_t wl_spm_result_id(const wl_spm_result* result, size_t i);
const char* wl_spm_result_piece(const wl_spm_result* result, size_t i, size_t* size);
uint32_t wl_spm_result_begin(const wl_spm_result* result, size_t i);
uint32_t wl_spm_result_end(const wl_spm_result* result, size_t i);
void wl_spm_result_free(wl_spm_result* result);

// Decodes ids to text, written to a new result whose text is read with
// wl_spm_result_text; null on error.
wl_spm_result* wl_spm_decode(const wl_spm_model* model, const int32_t* ids, size_t n,
                             char* error, size_t error_size);
const char* wl_spm_result_text(const wl_spm_result* result, size_t* size);

// Trains a model with sentencepiece's flag string ("--input=... --model_prefix=...").
// Returns 0 on success, otherwise non-zero with a message in `error`.
int wl_spm_train(const char* args, char* error, size_t error_size);

}  // extern "C"

#endif  // WORDLOOM_NLP_TEXT_SPM_SHIM_SPM_SHIM_API_H_
