// Which formats take a side in the day/month question, and which survive a decision.
#include <catch2/catch.hpp>

#include "staging/shaping/date_orders.h"

using crm::staging::FormatOrder;
using crm::staging::FormatsForOrder;
using crm::staging::OrderOfFormat;
using crm::staging::ReadsBothOrders;
using crm::transforms::DateOrder;

TEST_CASE("OrderOfFormat reads the position of day and month", "[shaping][date_order]") {
  CHECK(OrderOfFormat("%d/%m/%Y") == FormatOrder::kDayFirst);
  CHECK(OrderOfFormat("%e.%m.%y %H:%M") == FormatOrder::kDayFirst);
  CHECK(OrderOfFormat("%m/%d/%Y") == FormatOrder::kMonthFirst);
  CHECK(OrderOfFormat("%Y-%m-%d") == FormatOrder::kNeither);
  CHECK(OrderOfFormat("%Y-%d-%m") == FormatOrder::kNeither);
  CHECK(OrderOfFormat("%d-%b-%Y") == FormatOrder::kNeither);
  CHECK(OrderOfFormat("%H:%M") == FormatOrder::kNeither);
  CHECK(OrderOfFormat("%%d %m") == FormatOrder::kNeither);
}

TEST_CASE("FormatsForOrder keeps the proven order and the neutral formats",
          "[shaping][date_order]") {
  std::vector<std::string> formats = {"%d/%m/%Y", "%m/%d/%Y", "%Y-%m-%d"};
  CHECK(ReadsBothOrders(formats));
  CHECK_FALSE(ReadsBothOrders({"%d/%m/%Y", "%Y-%m-%d"}));
  CHECK(FormatsForOrder(formats, DateOrder::kDayFirst) ==
        std::vector<std::string>{"%d/%m/%Y", "%Y-%m-%d"});
  CHECK(FormatsForOrder(formats, DateOrder::kMonthFirst) ==
        std::vector<std::string>{"%m/%d/%Y", "%Y-%m-%d"});
  CHECK(FormatsForOrder(formats, DateOrder::kUnknown) == formats);
  CHECK(FormatsForOrder(formats, DateOrder::kConflicting) == formats);
}
