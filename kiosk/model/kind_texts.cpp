#include "model/kind_texts.hpp"

namespace kiosk::app {

using dossier::LookupError;
using dossier::NextStep;
using dossier::Status;
using printing::PrinterProblem;

std::string status_words(Status s, Language lang) {
  const bool vi = lang == Language::Vi;
  switch (s) {
    case Status::Registered: return vi ? "Hồ sơ mới đăng ký, đang chờ tiếp nhận" : "Registered, waiting to be accepted";
    case Status::Accepted: return vi ? "Hồ sơ đã được tiếp nhận" : "Accepted";
    case Status::Refused: return vi ? "Hồ sơ không được tiếp nhận" : "Not accepted";
    case Status::Processing: return vi ? "Hồ sơ đang được xử lý" : "Being processed";
    case Status::NeedsDocuments: return vi ? "Cần bổ sung giấy tờ" : "More papers are needed";
    case Status::NeedsPayment: return vi ? "Cần nộp phí, lệ phí hoặc nghĩa vụ tài chính" : "Fees or charges are due";
    case Status::Withdrawn: return vi ? "Hồ sơ đã rút theo yêu cầu của công dân" : "Withdrawn at the applicant's request";
    case Status::Stopped: return vi ? "Hồ sơ đã dừng xử lý" : "Processing was stopped";
    case Status::Done: return vi ? "Đã có kết quả, chờ trả" : "The result is ready to collect";
    case Status::Returned: return vi ? "Đã trả kết quả" : "The result was handed over";
    case Status::Unknown: break;
  }
  return vi ? "Chưa rõ trạng thái, vui lòng hỏi cán bộ" : "Status unknown, please ask a staff member";
}

std::string next_step_words(const NextStep& n, Language lang) {
  const bool vi = lang == Language::Vi;
  const std::string where = !n.where.empty() ? n.where : vi ? "Bộ phận một cửa" : "the one-stop desk";
  switch (n.kind) {
    case NextStep::Kind::CollectResult:
      return vi ? "Mời ông/bà đến " + where + " nhận kết quả" : "Please collect the result at " + where;
    case NextStep::Kind::Finished:
      return vi ? "Kết quả đã được trả. Cảm ơn ông/bà" : "The result has been handed over. Thank you";
    case NextStep::Kind::BringDocuments:
      if (n.note.empty())
        return vi ? "Cần bổ sung giấy tờ. Mời ông/bà đến " + where : "More papers are needed. Please go to " + where;
      return vi ? "Cần bổ sung giấy tờ: " + n.note + ". Nộp tại " + where
                : "More papers are needed: " + n.note + ". Bring them to " + where;
    case NextStep::Kind::Pay:
      return vi ? "Mời ông/bà nộp phí, lệ phí để hồ sơ được tiếp tục xử lý"
                : "Please pay the fees so that the dossier can go on";
    case NextStep::Kind::AskWhy:
      return vi ? "Mời ông/bà liên hệ " + where + " để biết lý do" : "Please ask at " + where + " for the reason";
    case NextStep::Kind::ComeBackOn:
      if (n.date)
        return vi ? "Mời ông/bà quay lại vào ngày hẹn " + n.date->text()
                  : "Please come back on the due date, " + n.date->text();
      [[fallthrough]];
    case NextStep::Kind::InProgress:
      return vi ? "Hồ sơ đang được giải quyết" : "The dossier is being handled";
    case NextStep::Kind::AskNewDate:
      return vi ? "Hồ sơ đã quá ngày hẹn trả. Mời ông/bà đến " + where + " để được thông báo ngày trả mới"
                : "The due date has passed. Please ask at " + where + " for a new date";
  }
  return {};
}

const char* lookup_error_words(LookupError::Kind k, Language lang) {
  const bool vi = lang == Language::Vi;
  switch (k) {
    case LookupError::Kind::Offline:
      return vi ? "Không kết nối được hệ thống một cửa. Vui lòng thử lại sau hoặc hỏi cán bộ."
                : "The one-stop system cannot be reached. Please try again later or ask a staff member.";
    case LookupError::Kind::Timeout:
      return vi ? "Hệ thống một cửa phản hồi quá chậm. Vui lòng thử lại sau ít phút."
                : "The one-stop system is answering too slowly. Please try again in a few minutes.";
    case LookupError::Kind::NotShown:
      // The same words for an unknown code, a wrong id and an owner no one could check: nobody
      // learns from the kiosk which codes exist.
      return vi ? "Không xem được hồ sơ tại kiosk: mã hồ sơ hoặc số giấy tờ không khớp, hoặc hồ sơ cần tra cứu tại quầy. "
                  "Vui lòng kiểm tra lại, hoặc hỏi tại Bộ phận một cửa."
                : "This dossier cannot be shown here: the code or the ID number does not match, or it must be looked up "
                  "at the counter. Please check them, or ask at the one-stop desk.";
    case LookupError::Kind::Server:
    case LookupError::Kind::BadAnswer:
      return vi ? "Hệ thống một cửa đang gặp sự cố, chưa tra cứu được. Vui lòng thử lại sau hoặc hỏi cán bộ."
                : "The one-stop system has a problem. Please try again later or ask a staff member.";
    case LookupError::Kind::Tls:
    case LookupError::Kind::Refused:
      return vi ? "Kết nối đến hệ thống một cửa không an toàn nên đã bị dừng. Vui lòng báo cán bộ."
                : "The connection to the one-stop system was not safe and was stopped. Please tell a staff member.";
    case LookupError::Kind::Unsupported:
      return vi ? "Kiosk chưa tra cứu được loại phiếu này. Vui lòng nhập mã hồ sơ in trên phiếu."
                : "This kiosk cannot read this kind of slip. Please type the dossier code printed on it.";
  }
  return "";
}

const char* slip_refusal_words(dossier::SlipRefusal::Kind k, Language lang) {
  const bool vi = lang == Language::Vi;
  if (k == dossier::SlipRefusal::Kind::BadCode)
    return vi ? "Mã hồ sơ không đúng dạng. Vui lòng kiểm tra lại mã trên phiếu hẹn."
              : "This is not a valid dossier code. Please check the code on the slip.";
  return vi ? "Mã QR này không phải phiếu hẹn trả kết quả. Vui lòng đưa mã trên phiếu hẹn."
            : "This QR code is not an appointment slip. Please show the code on your slip.";
}

const char* printer_problem_words(PrinterProblem p, Language lang) {
  const bool vi = lang == Language::Vi;
  switch (p) {
    case PrinterProblem::None: return vi ? "Máy in sẵn sàng." : "The printer is ready.";
    case PrinterProblem::MediaEmpty:
      return vi ? "Máy in hết giấy, vui lòng liên hệ cán bộ." : "The printer is out of paper. Please ask a staff member.";
    case PrinterProblem::MediaJam:
      return vi ? "Máy in bị kẹt giấy, vui lòng liên hệ cán bộ." : "Paper is jammed in the printer. Please ask a staff member.";
    case PrinterProblem::DoorOpen:
      return vi ? "Nắp máy in đang mở, vui lòng liên hệ cán bộ." : "The printer cover is open. Please ask a staff member.";
    case PrinterProblem::OutOfToner:
      return vi ? "Máy in hết mực, vui lòng liên hệ cán bộ." : "The printer is out of ink. Please ask a staff member.";
    case PrinterProblem::Offline:
      return vi ? "Máy in chưa được kết nối, vui lòng liên hệ cán bộ." : "The printer is not connected. Please ask a staff member.";
    case PrinterProblem::Stopped:
    case PrinterProblem::NotAccepting:
      return vi ? "Máy in đang tạm dừng, vui lòng liên hệ cán bộ." : "The printer is paused. Please ask a staff member.";
    case PrinterProblem::NoServer:
    case PrinterProblem::NoPrinter:
      return vi ? "Chức năng in tạm thời không sử dụng được, vui lòng liên hệ cán bộ."
                : "Printing is not available right now. Please ask a staff member.";
    case PrinterProblem::Other: break;
  }
  return vi ? "Máy in đang báo lỗi, vui lòng liên hệ cán bộ." : "The printer reports a fault. Please ask a staff member.";
}

}  // namespace kiosk::app
