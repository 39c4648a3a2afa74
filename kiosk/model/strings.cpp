#include "model/strings.hpp"

#include <array>

namespace kiosk::app {

namespace {

struct Entry {
  Text key;
  const char* vi;
  const char* en;
};

// In the enum's order: a static check below keeps it so, and tr() indexes it directly.
constexpr Entry kTexts[] = {
    {Text::AppTitle, "Kiosk tra cứu thủ tục hành chính", "Public services kiosk"},
    {Text::TileSearch, "Tra cứu thủ tục", "Find a procedure"},
    {Text::TileSearchHint, "Giấy tờ cần nộp, lệ phí, thời gian, nơi nộp", "Papers, fees, time, where to file"},
    {Text::TouchToStart, "Chạm vào màn hình để bắt đầu", "Touch the screen to start"},
    {Text::LargeText, "Chữ to", "Larger text"},
    {Text::NormalText, "Chữ thường", "Normal text"},
    {Text::OtherLanguage, "English", "Tiếng Việt"},
    {Text::Back, "Quay lại", "Back"},
    {Text::Home, "Trang chủ", "Home"},
    {Text::SearchPrompt, "Gõ tên thủ tục, có dấu hoặc không dấu", "Type the procedure's name"},
    {Text::SearchPlaceholder, "Ví dụ: dang ky ket hon, CCCD, bang lai", "e.g. dang ky ket hon, CCCD"},
    {Text::Popular, "Thủ tục được quan tâm nhiều", "Most requested procedures"},
    {Text::NoResults, "Không tìm thấy thủ tục phù hợp. Hãy thử từ khác.", "Nothing found. Try other words."},
    {Text::Searching, "Đang tìm…", "Searching…"},
    {Text::Code, "Mã thủ tục", "Code"},
    {Text::Agency, "Cơ quan thực hiện", "Agency"},
    {Text::Counter, "Nơi nộp hồ sơ", "Where to file"},
    {Text::Channels, "Cách nộp, thời hạn và lệ phí", "How to file, time and fees"},
    {Text::Time, "Thời hạn", "Time"},
    {Text::Fee, "Phí, lệ phí", "Fees"},
    {Text::Documents, "Giấy tờ cần mang", "Papers to bring"},
    {Text::WhichCase, "Ông/bà thuộc trường hợp nào? Chạm để chỉ xem giấy tờ của mình:",
     "Which case is yours? Touch it to see only your papers:"},
    {Text::AllCases, "Xem tất cả", "Show all"},
    {Text::Notes, "Lưu ý", "Notes"},
    {Text::ShowNotes, "Xem lưu ý", "Show notes"},
    {Text::HideNotes, "Ẩn lưu ý", "Hide notes"},
    {Text::NoPapersListed, "Danh sách giấy tờ: hỏi cán bộ tại quầy hoặc xem lưu ý dưới đây.",
     "Papers: ask at the counter or see the notes below."},
    {Text::Forms, "Biểu mẫu", "Forms"},
    {Text::Steps, "Các bước thực hiện", "Steps"},
    {Text::Conditions, "Điều kiện", "Conditions"},
    {Text::LegalBasis, "Căn cứ pháp lý", "Legal basis"},
    {Text::Result, "Kết quả", "Result"},
    {Text::Free, "Miễn phí", "Free"},
    {Text::Copies, "Số lượng", "Copies"},
    {Text::StillThere, "Ông/bà có cần thêm thời gian không?", "Do you need more time?"},
    {Text::Continue, "Tiếp tục", "Continue"},
    {Text::EndsIn, "Màn hình sẽ trở về trang chủ sau", "Returning to the start in"},
    {Text::Seconds, "giây", "seconds"},
    {Text::Space, "Dấu cách", "Space"},
    {Text::Delete, "Xóa", "Delete"},
    {Text::Clear, "Xóa hết", "Clear"},
    {Text::Telex, "Gõ có dấu", "Vietnamese marks"},
    {Text::NoTelex, "Gõ không dấu", "No marks"},
    {Text::Numbers, "123", "123"},
    {Text::Letters, "abc", "abc"},
    {Text::ShowKeyboard, "Hiện bàn phím", "Show keyboard"},
    {Text::HideKeyboard, "Ẩn bàn phím", "Hide keyboard"},
    {Text::AllLevels, "Tất cả", "All"},
    {Text::LevelProvince, "Cấp tỉnh", "Province"},
    {Text::LevelCommune, "Cấp xã", "Commune"},
    {Text::LevelMinistry, "Cấp bộ", "Ministry"},
    {Text::FieldChip, "Lĩnh vực…", "Field…"},
    {Text::ChooseField, "Chọn lĩnh vực", "Choose a field"},
    {Text::AllFields, "Tất cả lĩnh vực", "All fields"},
    {Text::SearchError, "Tạm thời không tìm được. Vui lòng thử lại hoặc hỏi cán bộ.", "Search failed. Please try again or ask staff."},
    {Text::CatalogError, "Chưa có dữ liệu thủ tục. Vui lòng liên hệ cán bộ.", "No procedure data installed. Please ask staff."},
    {Text::SearchUnavailable, "Tra cứu thủ tục tạm thời không sử dụng được. Vui lòng liên hệ cán bộ.",
     "Procedure search is not available right now. Please ask a staff member."},
    {Text::FormNotPrintable, "Mẫu đơn nhận tại quầy", "Form available at the counter"},
    {Text::StaffTitle, "Dành cho cán bộ", "Staff"},
    {Text::StaffPin, "Nhập mã PIN", "Enter PIN"},
    {Text::StaffExit, "Thoát ứng dụng", "Quit the kiosk"},
    {Text::StaffReload, "Tải lại nội dung", "Reload content"},
    {Text::StaffClose, "Đóng", "Close"},
    {Text::StaffWrongPin, "Mã PIN không đúng", "Wrong PIN"},
    {Text::StaffLocked, "Nhập sai nhiều lần. Vui lòng chờ rồi thử lại (giây):", "Too many wrong PINs. Wait before trying again (seconds):"},
    {Text::SampleNotice, "Dữ liệu mẫu — không phải thông tin chính thức", "Sample data — not official"},
    {Text::ResultsCount, "kết quả", "results"},
    {Text::PrintSummary, "In danh sách giấy tờ cần mang", "Print the list of papers"},
    {Text::PrintForm, "In mẫu", "Print form"},
    {Text::PrintPreparing, "Đang chuẩn bị bản in…", "Preparing the printout…"},
    {Text::PrintWaiting, "Đang chờ máy in…", "Waiting for the printer…"},
    {Text::PrintPrinting, "Đang in, xin chờ trong giây lát…", "Printing, one moment…"},
    {Text::PrintDone, "Đã in xong. Mời ông/bà nhận giấy ở khe máy in.", "Printed. Please take the paper from the printer."},
    {Text::PrintFailed, "Không in được, vui lòng liên hệ cán bộ.", "Could not print. Please ask a staff member."},
    {Text::PrintUnavailable, "Chức năng in tạm thời không sử dụng được, vui lòng liên hệ cán bộ.",
     "Printing is not available right now. Please ask a staff member."},
    {Text::TileDossier, "Tra cứu hồ sơ", "Check my dossier"},
    {Text::TileDossierHint, "Quét mã QR trên phiếu hẹn hoặc nhập mã hồ sơ", "Scan the slip's QR code or type its code"},
    {Text::HoldSlip, "Đưa mã QR trên phiếu hẹn vào máy quét bên dưới", "Hold the slip's QR code under the scanner below"},
    {Text::OrTypeCode, "Hoặc nhập mã hồ sơ in trên phiếu:", "Or type the dossier code printed on the slip:"},
    {Text::LookUp, "Tra cứu", "Look up"},
    {Text::OwnerIdPrompt, "Để bảo vệ thông tin cá nhân, mời nhập số cuối số định danh (CCCD) của người nộp hồ sơ. Số chữ số:",
     "To protect personal data, type the last digits of the applicant's ID number. Digits:"},
    {Text::OwnerIdWhole, "Để bảo vệ thông tin cá nhân, mời nhập số định danh (CCCD) của người nộp hồ sơ.",
     "To protect personal data, type the applicant's ID number."},
    {Text::ViewDossier, "Xem hồ sơ", "Show the dossier"},
    {Text::LookingUp, "Đang tra cứu hồ sơ…", "Looking the dossier up…"},
    {Text::Retry, "Thử lại", "Try again"},
    {Text::RetypeId, "Nhập lại số giấy tờ", "Type the ID number again"},
    {Text::OtherDossier, "Tra cứu hồ sơ khác", "Another dossier"},
    {Text::PrintSlip, "In phiếu tình trạng hồ sơ", "Print the status"},
    {Text::Received, "Ngày nhận", "Received"},
    {Text::Appointment, "Ngày hẹn trả", "Due"},
    {Text::Late, "Trễ hạn", "Late"},
    {Text::OnTime, "Trong hạn", "On time"},
    {Text::Timeline, "Quá trình xử lý", "Steps so far"},
    {Text::NextStep, "Việc cần làm", "What to do next"},
    {Text::Owner, "Người nộp", "Applicant"},
    {Text::DossierCode, "Mã hồ sơ", "Dossier code"},
    {Text::Status, "Tình trạng", "Status"},
    {Text::CameraView, "Hình ảnh từ camera", "Camera view"},
    {Text::PayFees, "Nộp phí", "Pay the fees"},
    {Text::PaymentTitle, "Nộp phí, lệ phí hồ sơ", "Paying the dossier's fees"},
    {Text::FeePhi, "Phí", "Fee"},
    {Text::FeeLePhi, "Lệ phí", "Charge"},
    {Text::Total, "Tổng cộng", "Total"},
    {Text::Payee, "Đơn vị nhận", "Paid to"},
    {Text::ScanToPay, "Mở ứng dụng ngân hàng và quét mã", "Open your bank app and scan the code"},
    {Text::TimeLeft, "Mã còn hiệu lực", "The code is valid for"},
    {Text::PaymentStarting, "Đang tạo mã thanh toán…", "Making the payment code…"},
    {Text::PaymentPaid, "Đã thanh toán. Cảm ơn ông/bà!", "Paid. Thank you!"},
    {Text::PaymentExpired, "Mã thanh toán đã hết hạn.", "The payment code has expired."},
    {Text::NewCode, "Tạo mã mới", "Make a new code"},
    {Text::StillToPay, "Còn thiếu", "Still to pay"},
    {Text::PaymentUnreachable, "Chưa kết nối được cổng thanh toán. Vui lòng thử lại, hoặc nộp tại quầy thu phí.",
     "The payment gateway cannot be reached. Please try again, or pay at the fee counter."},
    {Text::PaymentRefused, "Chưa thanh toán được tại kiosk. Vui lòng nộp tại quầy thu phí.",
     "This payment cannot be made here. Please pay at the fee counter."},
    {Text::PaymentCancel, "Hủy thanh toán", "Cancel the payment"},
    {Text::PaymentCancelled, "Đã hủy thanh toán.", "The payment was cancelled."},
    {Text::AlreadyPaid, "Đã thanh toán", "Paid"},
    {Text::ReprintReceipt, "In lại biên nhận", "Print the receipt again"},
    {Text::ReceiptNo, "Số biên nhận", "Receipt number"},
    {Text::Minutes, "phút", "min"},
    {Text::Account, "Số tài khoản", "Account"},
    {Text::AmountReceived, "Đã nhận", "Received"},
    {Text::PaymentUnderpaidHelp, "Số tiền chuyển chưa đủ. Vui lòng nộp phần còn thiếu tại quầy thu phí.",
     "Less than the fees was transferred. Please pay the rest at the fee counter."},
    {Text::PaymentUnavailable, "Thanh toán tại kiosk tạm thời chưa dùng được. Vui lòng nộp tại quầy thu phí.",
     "Payment at this kiosk is not available right now. Please pay at the fee counter."},
    {Text::TransactionRef, "Mã giao dịch", "Transaction"},
    {Text::PrintReceipt, "In biên nhận", "Print the receipt"},
    {Text::FeesDue, "Phí, lệ phí phải nộp", "Fees to pay"},
    {Text::FeesPaidWaiting, "Đã nộp phí, lệ phí. Hồ sơ được tiếp tục xử lý", "The fees are paid. The dossier goes on"},
    {Text::TileRating, "Đánh giá cán bộ", "Rate an officer"},
    {Text::TileRatingHint, "Cho biết ông/bà có hài lòng với cán bộ đã phục vụ", "Tell us about the officer who served you"},
    {Text::RateOfficer, "Đánh giá cán bộ tiếp nhận", "Rate the officer who received it"},
    {Text::PickCounter, "Ông/bà được phục vụ tại quầy nào?", "Which counter served you?"},
    {Text::PickOfficer, "Chọn cán bộ đã phục vụ ông/bà", "Choose the officer who served you"},
    {Text::HowSatisfied, "Ông/bà có hài lòng với cán bộ này không?", "Were you satisfied with this officer?"},
    {Text::VerySatisfied, "RẤT HÀI LÒNG", "VERY SATISFIED"},
    {Text::Satisfied, "HÀI LÒNG", "SATISFIED"},
    {Text::NotSatisfied, "KHÔNG HÀI LÒNG", "NOT SATISFIED"},
    {Text::WhyNot, "Xin ông/bà cho biết lý do", "Please tell us why"},
    {Text::CommentOptional, "Ý kiến thêm (không bắt buộc)", "Anything else (optional)"},
    {Text::SendRating, "Gửi đánh giá", "Send the rating"},
    {Text::ThanksRating, "Cảm ơn ông/bà đã đánh giá!", "Thank you for your rating!"},
    {Text::RatingKept, "Ý kiến của ông/bà đã được ghi nhận.", "Your opinion has been recorded."},
    {Text::AlreadyRatedDossier, "Hồ sơ này đã được đánh giá. Cảm ơn ông/bà.", "This dossier has been rated already. Thank you."},
    {Text::AlreadyRatedOfficer, "Ông/bà đã đánh giá cán bộ này. Cảm ơn ông/bà.", "You have rated this officer already. Thank you."},
    {Text::RatingFailed, "Chưa ghi nhận được đánh giá. Xin ông/bà báo cán bộ tại quầy.",
     "The rating could not be recorded. Please tell a staff member."},
    {Text::SkipQuestion, "Bỏ qua câu này", "Skip this question"},
    {Text::Question, "Câu", "Question"},
    {Text::NoOfficers, "Chưa có danh sách cán bộ của quầy này.", "No officers are listed for this counter."},
    {Text::RatingsToday, "Đánh giá hôm nay", "Ratings today"},
    {Text::RatingsWaiting, "Đánh giá chờ gửi về hệ thống", "Ratings waiting to be sent"},
    {Text::ReceivedBy, "Cán bộ tiếp nhận", "Received by"},
};

constexpr bool in_enum_order() {
  if (std::size(kTexts) != kTextCount) return false;
  for (size_t i = 0; i < std::size(kTexts); ++i)
    if (static_cast<size_t>(kTexts[i].key) != i) return false;
  return true;
}
static_assert(in_enum_order(), "kTexts must list every Text key once, in the enum's order");

}  // namespace

const char* tr(Language lang, Text t) {
  const auto i = static_cast<size_t>(t);
  if (i >= kTextCount) return "";
  return lang == Language::Vi ? kTexts[i].vi : kTexts[i].en;
}

const char* weekday_name(Language lang, int wday) {
  static constexpr std::array<const char*, 7> vi = {"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"};
  static constexpr std::array<const char*, 7> en = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  if (wday < 0 || wday > 6) return "";
  return (lang == Language::Vi ? vi : en)[static_cast<size_t>(wday)];
}

}  // namespace kiosk::app
