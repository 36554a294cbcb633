#include "service/job_paths.h"

#include <filesystem>
#include <system_error>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/strings.h"
#include "service/limits.h"

namespace wordloom::service {
namespace {

namespace fs = std::filesystem;

absl::Status Refused(std::string message) {
  absl::Status status = absl::InvalidArgumentError(std::move(message));
  status.SetPayload(kComprehendErrorPayload, absl::Cord("InvalidRequestException"));
  return status;
}

// True when `path` equals `root` or lies below it (both resolved).
bool Inside(const std::string& path, const std::string& root) {
  if (root == "/") return true;
  if (path.size() < root.size() || path.compare(0, root.size(), root) != 0) return false;
  return path.size() == root.size() || path[root.size()] == '/';
}

}  // namespace

absl::StatusOr<std::string> ResolvePath(const std::string& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (!ec) absolute = fs::weakly_canonical(absolute, ec);
  if (ec) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", path, "\" cannot be resolved: ", ec.message()));
  }
  std::string resolved = absolute.string();
  while (resolved.size() > 1 && resolved.back() == '/') resolved.pop_back();
  return resolved;
}

absl::StatusOr<std::string> ConfinePath(std::string_view field, const std::string& path,
                                        const std::vector<std::string>& roots,
                                        std::string_view flag) {
  absl::StatusOr<std::string> resolved = ResolvePath(path);
  if (!resolved.ok()) {
    return Refused(absl::StrCat(ToAbsl(field), ": ", resolved.status().message()));
  }
  std::error_code ec;
  const std::string lexical = fs::absolute(path, ec).lexically_normal().string();
  std::vector<std::string> allowed;
  bool inside = false, named_inside = false;
  for (const std::string& root : roots) {
    absl::StatusOr<std::string> r = ResolvePath(root);
    if (!r.ok()) continue;
    inside = inside || Inside(*resolved, *r);
    named_inside = named_inside || Inside(lexical, *r) ||
                   Inside(lexical, fs::absolute(root, ec).lexically_normal().string());
    allowed.push_back(*r);
  }
  if (!inside) {
    // Where a link led is said only for paths named inside a root: the
    // server's layout elsewhere is none of the client's business.
    const std::string via = named_inside && *resolved != lexical
                                ? absl::StrCat(" (a symbolic link leads to ", *resolved, ")")
                                : "";
    return Refused(absl::StrCat(
        ToAbsl(field), " \"", path, "\"", via,
        " is outside the directories this server lets jobs use: ",
        allowed.empty() ? std::string("none configured") : absl::StrJoin(allowed, ", "),
        "; the server's operator can add one with ", ToAbsl(flag)));
  }
  // weakly_canonical followed every link of the part that exists; a link
  // still on the path is one that points nowhere (and could be pointed
  // anywhere before the job writes through it).
  for (fs::path p = *resolved; p.has_relative_path(); p = p.parent_path()) {
    if (fs::is_symlink(fs::symlink_status(p, ec))) {
      return Refused(absl::StrCat(ToAbsl(field), " \"", path, "\": ", p.string(),
                                  " is a symbolic link to nothing; job paths must exist or be "
                                  "plain new names"));
    }
  }
  return *resolved;
}

}  // namespace wordloom::service
