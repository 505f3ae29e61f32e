; Inno Setup 6 script of the CaseDesk installer for Windows (docs/install.md, "Windows").
;
; It packs the one-folder bundle dist\CaseDesk\ (packaging\build_bundle.py) into one setup program,
; dist\CaseDesk-<version>-setup.exe. Build on Windows, from the repository root:
;
;   py -3.11 packaging\build_bundle.py
;   iscc /DAppVersion=0.1.0 packaging\windows\casedesk.iss
;
; (iscc.exe is in the Inno Setup folder, usually "C:\Program Files (x86)\Inno Setup 6\"; without
; /DAppVersion the version below is used.) Needs Inno Setup 6.3 or newer.
;
; The installer asks whether to install for the current user only (no administrator rights; into
; %LOCALAPPDATA%\Programs\CaseDesk) or for all users (into Program Files); /CURRENTUSER or
; /ALLUSERS on its command line choose without asking. It adds a Start menu shortcut, optionally a
; desktop one, an uninstaller (Settings > Apps), and offers CaseDesk for case files.
;
; Case files, NAME.casedesk.json: Windows knows a file's type by its last extension only, here
; ".json", and a key for ".casedesk.json" would never be read. So the installer registers the file
; type CaseDesk.CaseFile (icon, and the command `casedesk-gui.exe open "%1"`, which imports the file
; and shows its case) and lists it under ".json" in "Open with", without taking .json files from
; the program that opens them now. Right-click a case file > Open with > CaseDesk ("Always" makes it
; the default for .json files, the user's own choice).
;
; The cases and backups live in the user data folder (%LOCALAPPDATA%\CaseDesk), outside {app}: the
; uninstaller never removes them.

#if VER < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is needed (x64compatible, UTF-8 script)
#endif

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
; The window without a console (the bundle's casedesk.exe is the console program of the command line).
#define GuiExe "casedesk-gui.exe"
#define ConsoleExe "casedesk.exe"
#define FileTypeId "CaseDesk.CaseFile"
#define IconFile "_internal\casedesk\resources\icons\casedesk.ico"
#define Bundle AddBackslash(SourcePath) + "..\..\dist\CaseDesk\"

#ifnexist Bundle + GuiExe
  #error dist\CaseDesk\casedesk-gui.exe is missing: build the bundle first (py -3.11 packaging\build_bundle.py)
#endif
#ifnexist Bundle + ConsoleExe
  #error dist\CaseDesk\casedesk.exe is missing: build the bundle first (py -3.11 packaging\build_bundle.py)
#endif

[Setup]
; The AppId identifies CaseDesk for upgrades and the uninstaller: never change it.
AppId={{B86859E6-66F5-4FDE-B7F4-137E86ACE4CF}
AppName=CaseDesk
AppVersion={#AppVersion}
AppVerName=CaseDesk {#AppVersion}
AppPublisher=CaseDesk team
AppComments=Record clinical cases and export them as conference abstracts, offline
VersionInfoVersion={#AppVersion}
; Paths below are relative to the repository root (two folders up from this script).
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=CaseDesk-{#AppVersion}-setup
SetupIconFile=resources\icons\casedesk.ico
UninstallDisplayIcon={app}\{#IconFile}
UninstallDisplayName=CaseDesk {#AppVersion}
; {autopf}: Program Files for all users, %LOCALAPPDATA%\Programs for the current user.
DefaultDirName={autopf}\CaseDesk
DefaultGroupName=CaseDesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
UsePreviousPrivileges=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; A running CaseDesk is asked to close before its files are replaced (every edit is already saved).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"

[CustomMessages]
english.CaseFileType=CaseDesk case file
russian.CaseFileType=Файл клинических случаев CaseDesk
english.OfferForCaseFiles=Offer CaseDesk in "Open with" for case files (.casedesk.json)
russian.OfferForCaseFiles=Предлагать CaseDesk в меню «Открыть с помощью» для файлов случаев (.casedesk.json)
english.FileTypesGroup=Case files:
russian.FileTypesGroup=Файлы случаев:
english.AppComment=Record clinical cases and export them as conference abstracts
russian.AppComment=Запись клинических случаев и их экспорт в тезисы для конференций

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "casefiles"; Description: "{cm:OfferForCaseFiles}"; GroupDescription: "{cm:FileTypesGroup}"

[Files]
; The whole bundle: casedesk.exe, casedesk-gui.exe and _internal\ (Python, Qt, CaseDesk's resources).
Source: "dist\CaseDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; What an earlier version installed (a library of a newer CaseDesk must not meet older modules).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\CaseDesk"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; IconFilename: "{app}\{#IconFile}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\CaseDesk"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; IconFilename: "{app}\{#IconFile}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Registry]
; HKA: HKEY_LOCAL_MACHINE when installed for all users, HKEY_CURRENT_USER otherwise.
; The file type: its name, icon, and how it opens.
Root: HKA; Subkey: "Software\Classes\{#FileTypeId}"; ValueType: string; ValueName: ""; ValueData: "{cm:CaseFileType}"; Flags: uninsdeletekey; Tasks: casefiles
Root: HKA; Subkey: "Software\Classes\{#FileTypeId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#IconFile},0"; Tasks: casefiles
Root: HKA; Subkey: "Software\Classes\{#FileTypeId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"" open ""%1"""; Tasks: casefiles
; In "Open with" of .json files (where case files are), beside the program that opens them now.
Root: HKA; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: string; ValueName: "{#FileTypeId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: casefiles
; The program itself, for "Open with > Choose another app".
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "CaseDesk"; Flags: uninsdeletekey; Tasks: casefiles
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#IconFile},0"; Tasks: casefiles
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".json"; ValueData: ""; Tasks: casefiles
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"" open ""%1"""; Tasks: casefiles

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,CaseDesk}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program folder holds; the user data folder with the cases stays.
Type: filesandordirs; Name: "{app}\_internal"
