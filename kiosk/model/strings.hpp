// Every sentence the kiosk shows, in Vietnamese and English, by key. Screens never hold a
// sentence of their own: what a capability reports as a kind is worded in kind_texts.hpp.
#pragma once
#include <cstddef>

#include "model/language.hpp"

namespace kiosk::app {

enum class Text {
  AppTitle, TileSearch, TileSearchHint, TouchToStart, LargeText, NormalText, OtherLanguage, Back, Home,
  SearchPrompt, SearchPlaceholder, Popular, NoResults, Searching, Code, Agency, Counter, Channels, Time, Fee,
  Documents, WhichCase, AllCases, Notes, ShowNotes, HideNotes, NoPapersListed, Forms, Steps, Conditions, LegalBasis, Result, Free, Copies, StillThere, EndsIn, Seconds,
  Space, Delete, Clear, Telex, NoTelex, Numbers, Letters, ShowKeyboard, HideKeyboard, AllLevels, LevelProvince,
  LevelCommune, LevelMinistry, FieldChip, ChooseField, AllFields, SearchError, CatalogError, SearchUnavailable, FormNotPrintable,
  StaffTitle, StaffPin, StaffExit, StaffReload, StaffClose, StaffWrongPin, StaffLocked, SampleNotice, ResultsCount,
  PrintSummary, PrintForm, PrintPreparing, PrintWaiting, PrintPrinting, PrintDone, PrintFailed, PrintUnavailable,
  TileDossier, TileDossierHint, HoldSlip, OrTypeCode, LookUp, OwnerIdPrompt, OwnerIdWhole, ViewDossier, LookingUp,
  Retry, RetypeId, OtherDossier, PrintSlip, Received, Appointment, Late, OnTime, Timeline, NextStep, Owner, DossierCode,
  Status, CameraView, PayFees, PaymentTitle, FeePhi, FeeLePhi, Total, Payee, ScanToPay, TimeLeft, PaymentStarting,
  PaymentPaid, PaymentExpired, NewCode, StillToPay, PaymentUnreachable, PaymentRefused, PaymentCancel, PaymentCancelled,
  AlreadyPaid, ReprintReceipt, ReceiptNo, Minutes, Account, AmountReceived, PaymentUnderpaidHelp, PaymentUnavailable,
  TransactionRef, PrintReceipt, FeesDue, FeesPaidWaiting, TileRating, TileRatingHint, RateOfficer, PickCounter, PickOfficer,
  HowSatisfied, VerySatisfied, Satisfied, NotSatisfied, WhyNot, CommentOptional, SendRating, ThanksRating, RatingKept,
  AlreadyRatedDossier, AlreadyRatedOfficer, RatingFailed, SkipQuestion, Question, NoOfficers, RatingsToday, RatingsWaiting, ReceivedBy,
  Listen, StopReading, PauseReading, ResumeReading, RepeatSentence, Slower, NormalPace, Quieter, Louder, MoreTime,
  LargestText, HighContrast, NormalColours, IdleSpoken, CannotSpeak, StaffChecking, StaffRollback, StaffTestPage,
  StaffReboot, StaffRebootConfirm, StaffRebootYes, StaffRebootNo, StaffRebooting, StaffRebootFailed, StaffReceipts, StaffReprint,
  PaymentUnconfirmed, TileQueue, TileQueueHint, PickService, QueueForProcedure, PriorityAsk, PriorityElderly,
  PriorityDisabled, PriorityPregnant, PriorityChild, PriorityNone, TakingNumber, YourNumber, GoToCounter, PeopleAhead,
  WaitAbout, NextInLine, QueueFailed, QueueNoPrinter, QueueClosed, LoadingServices, ServicesUnavailable, WatchScreen,
  ReprintTicket, PriorityChosen, CheckingIn, CheckInRefused, LookingUpTicket, TicketNotFound, TicketStateWaiting,
  TicketStateCalled, TicketStateDone, ScanTicketToRate,
  Count_  // not a text: the number of keys
};

inline constexpr size_t kTextCount = static_cast<size_t>(Text::Count_);

const char* tr(Language lang, Text t);

// "Thứ Hai" / "Monday"; `wday` as in struct tm (0 = Sunday).
const char* weekday_name(Language lang, int wday);

}  // namespace kiosk::app
