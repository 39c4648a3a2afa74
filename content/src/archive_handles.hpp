// Internal: RAII owners of libarchive handles.
#pragma once
#include <archive.h>
#include <archive_entry.h>

#include <memory>

namespace kiosk::content::detail {

struct ReadArchiveFree {
  void operator()(archive* a) const noexcept { archive_read_free(a); }
};
struct WriteArchiveFree {
  void operator()(archive* a) const noexcept { archive_write_free(a); }
};
struct EntryFree {
  void operator()(archive_entry* e) const noexcept { archive_entry_free(e); }
};

using ReadArchive = std::unique_ptr<archive, ReadArchiveFree>;
using WriteArchive = std::unique_ptr<archive, WriteArchiveFree>;
using Entry = std::unique_ptr<archive_entry, EntryFree>;

}  // namespace kiosk::content::detail
