// Status propagation macros. Debian's Abseil (20220623) ships no status
// macros, so wordloom keeps this one small header.
//
//   WL_RETURN_IF_ERROR(file->Sync());
//   WL_ASSIGN_OR_RETURN(auto mapped, MappedFile::Open(path));
#ifndef WORDLOOM_CORE_STATUS_MACROS_H_
#define WORDLOOM_CORE_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define WL_STATUS_CONCAT_INNER_(a, b) a##b
#define WL_STATUS_CONCAT_(a, b) WL_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function when `expr` yields a non-OK status.
#define WL_RETURN_IF_ERROR(expr)                      \
  do {                                                \
    ::absl::Status wl_status_ = (expr);               \
    if (!wl_status_.ok()) return wl_status_;          \
  } while (0)

// Evaluates `rexpr` (a StatusOr<T>); returns its status on error, otherwise
// moves the value into `lhs` (which may be a declaration such as `auto x`).
#define WL_ASSIGN_OR_RETURN(lhs, rexpr) \
  WL_ASSIGN_OR_RETURN_IMPL_(WL_STATUS_CONCAT_(wl_statusor_, __LINE__), lhs, rexpr)

#define WL_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                              \
  if (!statusor.ok()) return statusor.status();         \
  lhs = std::move(statusor).value()

#endif  // WORDLOOM_CORE_STATUS_MACROS_H_
