#include "model/strings.hpp"

namespace kiosk::app {

const char* tr(Language lang, Text t) {
  const bool vi = lang == Language::Vi;
  switch (t) {
    case Text::AppTitle: return vi ? "Kiosk tra cứu thủ tục hành chính" : "Public services kiosk";
    case Text::TileSearch: return vi ? "Tra cứu thủ tục" : "Find a procedure";
    case Text::TileSearchHint: return vi ? "Giấy tờ cần nộp, lệ phí, thời gian, nơi nộp" : "Papers, fees, time, where to file";
    case Text::TouchToStart: return vi ? "Chạm vào màn hình để bắt đầu" : "Touch the screen to start";
    case Text::LargeText: return vi ? "Chữ to" : "Larger text";
    case Text::NormalText: return vi ? "Chữ thường" : "Normal text";
    case Text::Back: return vi ? "Quay lại" : "Back";
    case Text::Home: return vi ? "Trang chủ" : "Home";
    case Text::SearchPrompt: return vi ? "Gõ tên thủ tục, có dấu hoặc không dấu" : "Type the procedure's name";
    case Text::SearchPlaceholder: return vi ? "Ví dụ: dang ky ket hon, CCCD, bang lai" : "e.g. dang ky ket hon, CCCD";
    case Text::Popular: return vi ? "Thủ tục được quan tâm nhiều" : "Most requested procedures";
    case Text::NoResults: return vi ? "Không tìm thấy thủ tục phù hợp. Hãy thử từ khác." : "Nothing found. Try other words.";
    case Text::Searching: return vi ? "Đang tìm…" : "Searching…";
    case Text::Code: return vi ? "Mã thủ tục" : "Code";
    case Text::Agency: return vi ? "Cơ quan thực hiện" : "Agency";
    case Text::Counter: return vi ? "Nơi nộp hồ sơ" : "Where to file";
    case Text::Channels: return vi ? "Cách nộp, thời hạn và lệ phí" : "How to file, time and fees";
    case Text::Time: return vi ? "Thời hạn" : "Time";
    case Text::Fee: return vi ? "Phí, lệ phí" : "Fees";
    case Text::Documents: return vi ? "Giấy tờ cần nộp" : "Papers to bring";
    case Text::Forms: return vi ? "Biểu mẫu" : "Forms";
    case Text::Steps: return vi ? "Các bước thực hiện" : "Steps";
    case Text::Conditions: return vi ? "Điều kiện" : "Conditions";
    case Text::LegalBasis: return vi ? "Căn cứ pháp lý" : "Legal basis";
    case Text::Result: return vi ? "Kết quả" : "Result";
    case Text::Free: return vi ? "Miễn phí" : "Free";
    case Text::Copies: return vi ? "Số lượng" : "Copies";
    case Text::StillThere: return vi ? "Ông/bà có cần thêm thời gian không?" : "Do you need more time?";
    case Text::Continue: return vi ? "Tiếp tục" : "Continue";
    case Text::EndsIn: return vi ? "Màn hình sẽ trở về trang chủ sau" : "Returning to the start in";
    case Text::Seconds: return vi ? "giây" : "seconds";
    case Text::Space: return vi ? "Dấu cách" : "Space";
    case Text::Delete: return vi ? "Xóa" : "Delete";
    case Text::TileDossier: return vi ? "Tra cứu hồ sơ" : "Check my dossier";
    case Text::TileDossierHint: return vi ? "Quét mã QR trên phiếu hẹn hoặc nhập mã hồ sơ" : "Scan the slip's QR code or type its code";
    case Text::HoldSlip: return vi ? "Đưa mã QR trên phiếu hẹn vào máy quét bên dưới" : "Hold the slip's QR code under the scanner below";
    case Text::OrTypeCode: return vi ? "Hoặc nhập mã hồ sơ in trên phiếu:" : "Or type the dossier code printed on the slip:";
    case Text::LookUp: return vi ? "Tra cứu" : "Look up";
    case Text::OwnerIdPrompt:
      return vi ? "Để bảo vệ thông tin cá nhân, mời nhập số cuối số định danh (CCCD) của người nộp hồ sơ. Số chữ số:"
                : "To protect personal data, type the last digits of the applicant's ID number. Digits:";
    case Text::OwnerIdWhole:
      return vi ? "Để bảo vệ thông tin cá nhân, mời nhập số định danh (CCCD) của người nộp hồ sơ."
                : "To protect personal data, type the applicant's ID number.";
    case Text::ViewDossier: return vi ? "Xem hồ sơ" : "Show the dossier";
    case Text::LookingUp: return vi ? "Đang tra cứu hồ sơ…" : "Looking the dossier up…";
    case Text::Retry: return vi ? "Thử lại" : "Try again";
    case Text::OtherDossier: return vi ? "Tra cứu hồ sơ khác" : "Another dossier";
    case Text::PrintSlip: return vi ? "In phiếu tình trạng hồ sơ" : "Print the status";
    case Text::Received: return vi ? "Ngày nhận" : "Received";
    case Text::Appointment: return vi ? "Ngày hẹn trả" : "Due";
    case Text::Late: return vi ? "Trễ hạn" : "Late";
    case Text::OnTime: return vi ? "Trong hạn" : "On time";
    case Text::Timeline: return vi ? "Quá trình xử lý" : "Steps so far";
    case Text::NextStep: return vi ? "Việc cần làm" : "What to do next";
    case Text::Owner: return vi ? "Người nộp" : "Applicant";
    case Text::DossierCode: return vi ? "Mã hồ sơ" : "Dossier code";
    case Text::Status: return vi ? "Tình trạng" : "Status";
    case Text::CameraView: return vi ? "Hình ảnh từ camera" : "Camera view";
    case Text::PrintSummary: return vi ? "In danh sách giấy tờ cần mang" : "Print the list of papers";
    case Text::PrintForm: return vi ? "In mẫu" : "Print form";
    case Text::PrintPreparing: return vi ? "Đang chuẩn bị bản in…" : "Preparing the printout…";
    case Text::PrintWaiting: return vi ? "Đang chờ máy in…" : "Waiting for the printer…";
    case Text::PrintPrinting: return vi ? "Đang in, xin chờ trong giây lát…" : "Printing, one moment…";
    case Text::PrintDone: return vi ? "Đã in xong. Mời ông/bà nhận giấy ở khe máy in." : "Printed. Please take the paper from the printer.";
    case Text::PrintFailed: return vi ? "Không in được, vui lòng liên hệ cán bộ." : "Could not print. Please ask a staff member.";
    case Text::Clear: return vi ? "Xóa hết" : "Clear";
    case Text::Telex: return vi ? "Gõ có dấu" : "Vietnamese marks";
    case Text::NoTelex: return vi ? "Gõ không dấu" : "No marks";
    case Text::Numbers: return "123";
    case Text::Letters: return "abc";
    case Text::AllLevels: return vi ? "Tất cả" : "All";
    case Text::SearchError: return vi ? "Tạm thời không tìm được. Vui lòng thử lại hoặc hỏi cán bộ." : "Search failed. Please try again or ask staff.";
    case Text::CatalogError: return vi ? "Chưa có dữ liệu thủ tục. Vui lòng liên hệ cán bộ." : "No procedure data installed. Please ask staff.";
    case Text::FormNotPrintable: return vi ? "Mẫu đơn nhận tại quầy" : "Form available at the counter";
    case Text::StaffTitle: return vi ? "Dành cho cán bộ" : "Staff";
    case Text::StaffPin: return vi ? "Nhập mã PIN" : "Enter PIN";
    case Text::StaffExit: return vi ? "Thoát ứng dụng" : "Quit the kiosk";
    case Text::StaffReload: return vi ? "Tải lại nội dung" : "Reload content";
    case Text::StaffClose: return vi ? "Đóng" : "Close";
    case Text::StaffWrongPin: return vi ? "Mã PIN không đúng" : "Wrong PIN";
    case Text::SampleNotice: return vi ? "Dữ liệu mẫu — không phải thông tin chính thức" : "Sample data — not official";
    case Text::ResultsCount: return vi ? "kết quả" : "results";
  }
  return "";
}

}  // namespace kiosk::app
