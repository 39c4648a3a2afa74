// The read-only SQLite catalog built from an installed pack.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/sqlite.hpp"
#include "content/pack.hpp"
#include "content/pack_content.hpp"
#include "content/procedure.hpp"

namespace kiosk::content {

struct CatalogStats {
  int64_t procedures = 0;
  int64_t agencies = 0;
  int64_t fees_fixed = 0;
  int64_t fees_free = 0;
  int64_t fees_text = 0;
  int64_t procedures_with_fees = 0;       // at least one structured fee
  int64_t procedures_raw_fees_only = 0;   // fee table kept as published text
  int64_t documents = 0;
  int64_t procedures_with_documents = 0;  // at least one structured document
  int64_t procedures_raw_documents_only = 0;
  int64_t forms = 0;
  int64_t printable_forms = 0;
  int64_t synonym_groups = 0;
};

// Lets other capabilities (search) add their own tables to a catalog while it is being built.
using CatalogExtension = std::function<void(db::Db&, const PackContent&)>;

void build_catalog(const PackContent& content, const Manifest& manifest, const std::filesystem::path& db_path,
                   const std::vector<CatalogExtension>& extensions = {});

struct ProcedureSummary {
  std::string code;
  std::string name;
  std::string field;
  std::string agencies;
  double popularity = 0;
};

class Catalog {
 public:
  explicit Catalog(const std::filesystem::path& db_path);

  std::string meta(const std::string& key) const;
  nlohmann::json center() const;
  CatalogStats stats() const;
  std::optional<Procedure> procedure(const std::string& code) const;
  std::vector<ProcedureSummary> most_popular(int limit) const;
  std::vector<std::string> fields() const;  // most used first
  std::vector<std::string> procedure_codes() const;
  // Every procedure, most used first (for staff reports: content info, content lint).
  void for_each_procedure(const std::function<void(const Procedure&)>& visit) const;  // in id order (most used first)
  std::vector<Agency> agencies() const;
  RatingSetup rating_setup() const;  // empty when the pack has no roster
  QueueMap queue_map() const;        // empty when the pack maps no procedure to a queue service
  db::Db& db() { return db_; }

 private:
  mutable db::Db db_;
};

}  // namespace kiosk::content
