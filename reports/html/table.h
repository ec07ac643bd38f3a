// Tables of the report pages. Each cell carries data-field="<key>" naming the JSON member it
// shows, so a reader's tool (and the tests) can find a figure by meaning, not by position.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "reports/html/html_writer.h"

namespace crm::reports {

struct Column {
  std::string title;
  std::string key;       // the JSON member shown (data-field)
  bool numeric = false;  // right-aligned
};

// Opens <table class="css"> with its header row and <tbody>.
void BeginTable(HtmlWriter& html, std::string_view css, const std::vector<Column>& columns);
// One <td> of `column`; `css` adds classes (a verdict's colour).
void Cell(HtmlWriter& html, const Column& column, std::string_view text,
          std::string_view css = "");
// Closes <tbody> and <table>.
void EndTable(HtmlWriter& html);

// <p class="empty">text</p>: what a section shows when the journal holds nothing for it.
void EmptyNote(HtmlWriter& html, std::string_view text);

}  // namespace crm::reports
