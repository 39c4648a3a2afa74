// A paid journal entry as the printed receipt ("Biên nhận thanh toán") shows it: Vietnamese,
// the total in digits and in words, the references staff need to trace it.
#pragma once
#include <string>

#include "payment/journal.hpp"
#include "printing/documents.hpp"

namespace kiosk::app {

printing::ReceiptData receipt_data(const payment::Entry& e, bool reprint, const std::string& kiosk);

}  // namespace kiosk::app
