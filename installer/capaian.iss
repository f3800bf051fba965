; Inno Setup 6.3+ script for Capaian on Windows: a per-user install that needs no admin rights.
;
; Build on Windows (PyInstaller does not cross-compile), from the repository root:
;   python installer\make_iss_version.py        (writes installer\version.iss from app\__init__.py)
;   pyinstaller --noconfirm installer\capaian.spec
;   dist\capaian\capaian-cli.exe --smoke-test
;   iscc installer\capaian.iss                  (writes dist\capaian-<version>-setup.exe)
;
; Data: the program never keeps data in its own folder. The database, evidence, backups and logs
; live in %LOCALAPPDATA%\capaian (app/settings.py data_dir), so installing a newer version over
; an older one and uninstalling both leave the office's data alone. There is deliberately no
; [UninstallDelete] section: the uninstaller removes only the files it installed. A portable
; copy (portable.txt beside capaian.exe, data in .\data) is a plain folder, not this installer.

#include "version.iss"
#ifndef AppVersion
  #error "version.iss is missing: run python installer\make_iss_version.py first"
#endif

[Setup]
; Never change AppId: Windows recognises upgrades and the uninstaller entry by it.
AppId={{90873616-816F-44A4-89D9-4D770A49FE02}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductVersion={#AppVersionNumeric}
; Per-user: no UAC prompt, writes only under the user's profile and HKCU.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Installs from a USB stick without internet: everything is inside the one setup file.
OutputDir=..\dist
OutputBaseFilename={#AppStem}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName={#AppName} {#AppVersion}
UninstallDisplayIcon={app}\{#AppStem}.exe
; Close a running Capaian before replacing its files (the database itself is not in {app}).
CloseApplications=yes
RestartApplications=no

[Languages]
; Inno Setup ships no Indonesian translation; the wizard is in English, the program in Indonesian.
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: modules of the older version must not linger beside the
; new ones. Only the program's own folder; the data folder is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\{#AppStem}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppStem}.exe"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppStem}.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppStem}.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
