#include "tools/output.h"

#include <cerrno>
#include <cstring>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/line_reader.h"
#include "core/status_macros.h"
#include "core/strings.h"

namespace wordloom::tools {

void AppendJsonString(std::string* out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t run = 0;  // start of the pending unescaped run
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = text[i];
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
  }
  out->append(text.data() + run, text.size() - run);
  out->push_back('"');
}

absl::Status WriteAll(FILE* file, std::string_view data, std::string_view what) {
  if (data.empty()) return absl::OkStatus();
  if (std::fwrite(data.data(), 1, data.size(), file) != data.size()) {
    return absl::InternalError(absl::StrCat("cannot write to ", ToAbsl(what), ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

std::vector<std::string> InputsOrStdin(const std::vector<std::string>& files) {
  if (files.empty()) return {"-"};
  return files;
}

absl::Status FormatLineBatches(const std::vector<std::string>& files, const BatchFormatter& format) {
  std::string out;
  for (const std::string& path : InputsOrStdin(files)) {
    WL_ASSIGN_OR_RETURN(auto reader, LineBatchReader::Open(path));
    while (true) {
      WL_ASSIGN_OR_RETURN(std::optional<LineBatch> batch, reader->Next());
      if (!batch.has_value()) break;
      WL_RETURN_IF_ERROR(format(batch->lines, &out));
      WL_RETURN_IF_ERROR(WriteAll(stdout, out));
      out.clear();
    }
  }
  return absl::OkStatus();
}

absl::Status FormatLines(const std::vector<std::string>& files, const LineFormatterFn& format) {
  return FormatLineBatches(
      files, [&format](const std::vector<std::string_view>& lines, std::string* out) {
        for (std::string_view line : lines) WL_RETURN_IF_ERROR(format(line, out));
        return absl::OkStatus();
      });
}

}  // namespace wordloom::tools
