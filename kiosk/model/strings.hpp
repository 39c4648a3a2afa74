// Every sentence the kiosk shows, in Vietnamese and English.
#pragma once
#include "model/session.hpp"

namespace kiosk::app {

enum class Text {
  AppTitle, TileSearch, TileSearchHint, TouchToStart, LargeText, NormalText, Back, Home, SearchPrompt,
  SearchPlaceholder, Popular, NoResults, Searching, Code, Agency, Counter, Channels, Time, Fee, Documents,
  Forms, Steps, Conditions, LegalBasis, Result, Free, Copies, StillThere, Continue, EndsIn, Seconds,
  Space, Delete, Clear, Telex, NoTelex, Numbers, Letters, AllLevels, SearchError, CatalogError, FormNotPrintable,
  StaffTitle, StaffPin, StaffExit, StaffReload, StaffClose, StaffWrongPin, SampleNotice, ResultsCount,
  PrintSummary, PrintForm, PrintPreparing, PrintWaiting, PrintPrinting, PrintDone, PrintFailed,
  TileDossier, TileDossierHint, HoldSlip, OrTypeCode, LookUp, OwnerIdPrompt, OwnerIdWhole, ViewDossier, LookingUp, Retry,
  OtherDossier, PrintSlip, Received, Appointment, Late, OnTime, Timeline, NextStep, Owner, DossierCode, Status,
  CameraView
};

const char* tr(Language lang, Text t);

}  // namespace kiosk::app
