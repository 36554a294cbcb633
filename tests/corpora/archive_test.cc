// Archives written with libarchive in the test, read back through
// OpenReader(): tar, tar.gz, tar.zst, zip, single .gz / .zst, nested
// directories, truncated and corrupt inputs.
#include <archive.h>
#include <archive_entry.h>

#include <string>
#include <utility>
#include <vector>

#include "corpora/reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom::corpora {
namespace {

using ::testing::ElementsAre;
using ::wordloom::testing::ReadFile;
using ::wordloom::testing::TempDir;
using ::wordloom::testing::WriteFile;

using Members = std::vector<std::pair<std::string, std::string>>;

// kind: "tar", "tar.gz", "tar.zst", "tar.bz2", "tar.xz", "zip", or "gz", "zst",
// "bz2", "xz" (one raw member). bzip2 uses 100 kB blocks (level 1).
void WriteArchive(const std::string& path, const std::string& kind, const Members& members) {
  archive* a = archive_write_new();
  if (kind == "zip") {
    archive_write_set_format_zip(a);
  } else if (kind == "gz" || kind == "zst" || kind == "bz2" || kind == "xz") {
    archive_write_set_format_raw(a);
  } else {
    archive_write_set_format_pax_restricted(a);
  }
  if (kind == "tar.gz" || kind == "gz") archive_write_add_filter_gzip(a);
  if (kind == "tar.zst" || kind == "zst") {
    ASSERT_EQ(archive_write_add_filter_zstd(a), ARCHIVE_OK);
  }
  if (kind == "tar.bz2" || kind == "bz2") {
    ASSERT_EQ(archive_write_add_filter_bzip2(a), ARCHIVE_OK);
    ASSERT_EQ(archive_write_set_filter_option(a, "bzip2", "compression-level", "1"), ARCHIVE_OK);
  }
  if (kind == "tar.xz" || kind == "xz") {
    ASSERT_EQ(archive_write_add_filter_xz(a), ARCHIVE_OK);
  }
  ASSERT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK) << archive_error_string(a);
  for (const auto& [name, data] : members) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, data.size());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_write_header(a, e);
    archive_write_data(a, data.data(), data.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
}

struct Result {
  std::vector<std::string> ids, texts;
  uint64_t skipped = 0;
};

Result ReadAll(const std::string& path) {
  Result r;
  auto reader = OpenReader(path, {});
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (!reader.ok()) return r;
  while (true) {
    auto doc = (*reader)->Next();
    EXPECT_TRUE(doc.ok()) << doc.status();
    if (!doc.ok() || !doc->has_value()) break;
    r.ids.push_back((*doc)->id);
    r.texts.push_back((*doc)->text);
  }
  r.skipped = (*reader)->skipped();
  return r;
}

const Members kTree = {{"top.txt", "top doc"},
                       {"a/b/deep.txt", "deep doc"},
                       {"a/lines.jsonl", "{\"text\": \"j1\"}\n{\"text\": \"j2\"}\n"}};

class ArchiveKindTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ArchiveKindTest, ReadsEveryMemberByItsFormat) {
  const std::string path = TempDir() + "/t." + GetParam();
  WriteArchive(path, GetParam(), kTree);
  Result r = ReadAll(path);
  EXPECT_THAT(r.texts, ElementsAre("top doc", "deep doc", "j1", "j2"));
  EXPECT_EQ(r.ids[1], path + "!a/b/deep.txt");
  EXPECT_EQ(r.skipped, 0u);
}

INSTANTIATE_TEST_SUITE_P(Kinds, ArchiveKindTest,
                         ::testing::Values("tar", "tar.gz", "tar.zst", "tar.bz2", "tar.xz", "zip"),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n) c = c == '.' ? '_' : c;
                           return n;
                         });

TEST(ArchiveTest, SingleCompressedFilesReadAsTheirInnerFormat) {
  const std::string gz = TempDir() + "/lines.txt.gz";
  WriteArchive(gz, "gz", {{"data", "one\ntwo\n"}});
  EXPECT_THAT(ReadAll(gz).texts, ElementsAre("one", "two"));
  const std::string zst = TempDir() + "/docs.jsonl.zst";
  WriteArchive(zst, "zst", {{"data", "{\"text\": \"z\"}\n"}});
  EXPECT_THAT(ReadAll(zst).texts, ElementsAre("z"));
}

TEST(ArchiveTest, TruncatedArchiveKeepsEarlierDocumentsAndReportsOnce) {
  const std::string full = TempDir() + "/full.tar.gz";
  Members many;
  for (int i = 0; i < 50; ++i) {
    std::string text;
    for (int j = 0; j < 200; ++j) text += "word" + std::to_string(i * j) + " ";
    many.push_back({"m" + std::to_string(100 + i) + ".txt", text});
  }
  WriteArchive(full, "tar.gz", many);
  std::string bytes = ReadFile(full);
  const std::string cut = TempDir() + "/cut.tar.gz";
  WriteFile(cut, bytes.substr(0, bytes.size() / 2));
  Result r = ReadAll(cut);
  EXPECT_GT(r.texts.size(), 0u);
  EXPECT_LT(r.texts.size(), 50u);
  EXPECT_EQ(r.skipped, 1u);
}

// 40 members of 8 KiB of pseudo-random words (about 330 KB of tar).
Members PseudoRandomMembers(const std::string& prefix) {
  Members many;
  uint32_t x = 12345;
  for (int i = 0; i < 40; ++i) {
    std::string text = "doc" + std::to_string(i);
    while (text.size() < 8000) {
      x = x * 1103515245u + 12345u;
      text += " w" + std::to_string(x >> 20);
    }
    many.push_back({prefix + std::to_string(100 + i) + ".txt", text});
  }
  return many;
}

TEST(ArchiveTest, TruncatedTarZstKeepsEveryCompleteMemberBeforeTheCut) {
  const std::string dir = TempDir();
  // About 330 KB of tar: three zstd blocks (128 KiB each); cutting the end
  // loses only the last block.
  const Members many = PseudoRandomMembers("z");
  WriteArchive(dir + "/full.tar.zst", "tar.zst", many);
  std::string bytes = ReadFile(dir + "/full.tar.zst");
  WriteFile(dir + "/cut.tar.zst", bytes.substr(0, bytes.size() - 40));
  Result r = ReadAll(dir + "/cut.tar.zst");
  EXPECT_GE(r.texts.size(), 20u);
  EXPECT_LT(r.texts.size(), 40u);
  for (size_t i = 0; i < r.texts.size(); ++i) EXPECT_EQ(r.texts[i], many[i].second);
  EXPECT_EQ(r.skipped, 1u);
}

// bzip2 (100 kB blocks: about four here) and xz, cut at 3/4: bzip2 loses
// only the blocks not complete before the cut, xz only the bytes after it;
// every member returned is whole and in order, and the damage is reported
// once.
class TruncatedCompressedTarTest : public ::testing::TestWithParam<std::pair<std::string, size_t>> {};

TEST_P(TruncatedCompressedTarTest, KeepsEveryCompleteMemberBeforeTheCut) {
  const auto& [kind, at_least] = GetParam();
  const std::string dir = TempDir();
  const Members many = PseudoRandomMembers("c");
  WriteArchive(dir + "/full." + kind, kind, many);
  EXPECT_EQ(ReadAll(dir + "/full." + kind).texts.size(), 40u);
  const std::string bytes = ReadFile(dir + "/full." + kind);
  WriteFile(dir + "/cut." + kind, bytes.substr(0, bytes.size() * 3 / 4));
  Result r = ReadAll(dir + "/cut." + kind);
  EXPECT_GE(r.texts.size(), at_least);
  EXPECT_LT(r.texts.size(), 40u);
  for (size_t i = 0; i < r.texts.size(); ++i) EXPECT_EQ(r.texts[i], many[i].second) << i;
  EXPECT_EQ(r.skipped, 1u);
}

INSTANTIATE_TEST_SUITE_P(BzipAndXz, TruncatedCompressedTarTest,
                         ::testing::Values(std::make_pair(std::string("tar.bz2"), size_t{15}),
                                           std::make_pair(std::string("tar.xz"), size_t{27})),
                         [](const auto& info) { return info.param.first == "tar.bz2" ? "Bzip2" : "Xz"; });

// Every line returned from a truncated stream is a whole line of the
// original, in order, and the damage is reported once.
TEST(ArchiveTest, TruncatedCompressedLinesKeepCompleteLinesOnly) {
  const std::string dir = TempDir();
  std::string text;
  for (int i = 0; i < 40000; ++i) text += "line " + std::to_string(i * 7919 % 100003) + "\n";
  for (const std::string kind : {"gz", "bz2", "xz"}) {
    SCOPED_TRACE(kind);
    WriteArchive(dir + "/full." + kind, kind, {{"data", text}});
    const std::string bytes = ReadFile(dir + "/full." + kind);
    WriteFile(dir + "/cut.txt." + kind, bytes.substr(0, bytes.size() * 3 / 4));
    Result r = ReadAll(dir + "/cut.txt." + kind);
    ASSERT_GT(r.texts.size(), 1000u);
    ASSERT_LT(r.texts.size(), 40000u);
    for (size_t i = 0; i < r.texts.size(); ++i) {
      ASSERT_EQ(r.texts[i], "line " + std::to_string(i * 7919 % 100003)) << i;
    }
    EXPECT_EQ(r.skipped, 1u);
  }
}

TEST(ArchiveTest, ConcatenatedCompressedStreamsReadAsOne) {
  const std::string dir = TempDir();
  for (const std::string kind : {"gz", "bz2", "xz"}) {
    SCOPED_TRACE(kind);
    WriteArchive(dir + "/a." + kind, kind, {{"data", "first\nsecond\n"}});
    WriteArchive(dir + "/b." + kind, kind, {{"data", "third\n"}});
    WriteFile(dir + "/both.txt." + kind, ReadFile(dir + "/a." + kind) + ReadFile(dir + "/b." + kind));
    Result r = ReadAll(dir + "/both.txt." + kind);
    EXPECT_THAT(r.texts, ElementsAre("first", "second", "third"));
    EXPECT_EQ(r.skipped, 0u);
  }
}

TEST(ArchiveTest, CorruptGzipIsReportedAndLaterInputsStillRead) {
  const std::string gz = TempDir() + "/bad.txt.gz";
  WriteArchive(gz, "gz", {{"data", std::string(5000, 'a') + "\nend\n"}});
  std::string bytes = ReadFile(gz);
  for (size_t i = 20; i < 60 && i < bytes.size(); ++i) bytes[i] ^= 0x5a;
  WriteFile(gz, bytes);
  const std::string good = TempDir() + "/good.txt";
  WriteFile(good, "good line\n");
  auto reader = OpenReaders({gz, good}, {});
  ASSERT_TRUE(reader.ok());
  std::vector<std::string> texts;
  while (true) {
    auto doc = (*reader)->Next();
    ASSERT_TRUE(doc.ok()) << doc.status();
    if (!doc->has_value()) break;
    texts.push_back((*doc)->text);
  }
  EXPECT_EQ(texts.back(), "good line");
  EXPECT_EQ((*reader)->skipped(), 1u);
  EXPECT_THAT((*reader)->errors()[0].source, ::testing::HasSubstr("bad.txt.gz"));
}

TEST(ArchiveTest, FailPolicyReturnsTheArchiveError) {
  const std::string path = TempDir() + "/trunc.tar";
  WriteArchive(path, "tar", {{"a.txt", std::string(3000, 'x')}, {"b.txt", "bee"}});
  std::string bytes = ReadFile(path);
  WriteFile(path, bytes.substr(0, 1200));
  ReaderOptions options;
  options.on_error = ErrorPolicy::kFail;
  auto reader = OpenReader(path, options);
  ASSERT_TRUE(reader.ok());
  absl::Status status;
  for (int i = 0; i < 5 && status.ok(); ++i) {
    auto doc = (*reader)->Next();
    if (!doc.ok()) status = doc.status();
    else if (!doc->has_value()) break;
  }
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), ::testing::HasSubstr("trunc.tar"));
}

}  // namespace
}  // namespace wordloom::corpora
