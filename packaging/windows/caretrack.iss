; CareTrack for Windows: a per-user installer around the PyInstaller one-folder build.
;
;   pyinstaller --noconfirm --distpath packaging\build\dist --workpath packaging\build\work packaging\caretrack.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\caretrack.iss
;
; Output: packaging\build\CareTrack-<version>-setup.exe
; No administrator rights are needed (PrivilegesRequired=lowest): the program goes to
; %LOCALAPPDATA%\Programs\CareTrack, the Start-menu entry to the user's own Start menu.
; The family's data lives in %LOCALAPPDATA%\CareTrack (platformdirs, caretrack/storage/location.py);
; installing and upgrading never touch it, and the uninstaller deletes it only when the user ticks
; the box it shows (never in a silent uninstall).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\build\dist\CareTrack"
#endif
#ifndef OutputDir
  #define OutputDir "..\build"
#endif

[Setup]
; AppId identifies the installation for upgrades and the uninstaller: never change it.
AppId={{6A0C2F4E-9B5D-4C1E-8F3A-2D7E1B9C4A60}
AppName=CareTrack
AppVersion={#AppVersion}
AppVerName=CareTrack {#AppVersion}
AppPublisher=CareTrack
AppCopyright=GPL-3.0-or-later
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\CareTrack
DefaultGroupName=CareTrack
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=CareTrack-{#AppVersion}-setup
SetupIconFile=..\icons\caretrack.ico
UninstallDisplayIcon={app}\CareTrack.exe
UninstallDisplayName=CareTrack
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
MinVersion=10.0

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle, so no module of an older version is left behind.
; Only the program folder: the data folder is elsewhere and is never listed here.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\CareTrack"; Filename: "{app}\CareTrack.exe"; WorkingDir: "{app}"; Comment: "Symptom log and warning signs"
Name: "{autodesktop}\CareTrack"; Filename: "{app}\CareTrack.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\CareTrack.exe"; Description: "{cm:LaunchProgram,CareTrack}"; Flags: nowait postinstall skipifsilent

[Code]
var
  DeleteData: Boolean;

function DataDir(): String;
begin
  { platformdirs.user_data_path("CareTrack", appauthor=False) on Windows }
  Result := ExpandConstant('{localappdata}\CareTrack');
end;

{ Asked before anything is removed. The box starts unticked; Cancel stops the uninstall. }
function InitializeUninstall(): Boolean;
var
  Form: TSetupForm;
  Text: TNewStaticText;
  Box: TNewCheckBox;
  OKButton, CancelButton: TNewButton;
  W: Integer;
begin
  Result := True;
  DeleteData := False;
  if UninstallSilent or not DirExists(DataDir()) then
    Exit;

  Form := CreateCustomForm(ScaleX(420), ScaleY(170), False, True);
  try
    Form.Caption := 'Uninstall CareTrack';

    Text := TNewStaticText.Create(Form);
    Text.Parent := Form;
    Text.Left := ScaleX(12);
    Text.Top := ScaleY(12);
    Text.Width := Form.ClientWidth - ScaleX(24);
    Text.AutoSize := False;
    Text.WordWrap := True;
    Text.Height := ScaleY(56);
    Text.Caption := 'CareTrack will be removed from this computer. Your children''s records, ' +
      'warnings and backups are kept in ' + DataDir() + ' so that you can install CareTrack again later.';

    Box := TNewCheckBox.Create(Form);
    Box.Parent := Form;
    Box.Left := ScaleX(12);
    Box.Top := Text.Top + Text.Height + ScaleY(8);
    Box.Width := Form.ClientWidth - ScaleX(24);
    Box.Height := ScaleY(34);
    Box.Caption := 'Also delete all CareTrack records and backups (this cannot be undone)';
    Box.Checked := False;

    OKButton := TNewButton.Create(Form);
    OKButton.Parent := Form;
    OKButton.Caption := 'Uninstall';
    OKButton.Top := Form.ClientHeight - ScaleY(23 + 10);
    OKButton.Height := ScaleY(23);
    OKButton.ModalResult := mrOk;
    OKButton.Default := True;

    CancelButton := TNewButton.Create(Form);
    CancelButton.Parent := Form;
    CancelButton.Caption := 'Cancel';
    CancelButton.Top := OKButton.Top;
    CancelButton.Height := ScaleY(23);
    CancelButton.ModalResult := mrCancel;
    CancelButton.Cancel := True;

    W := Form.CalculateButtonWidth([OKButton.Caption, CancelButton.Caption]);
    OKButton.Width := W;
    CancelButton.Width := W;
    CancelButton.Left := Form.ClientWidth - ScaleX(10) - W;
    OKButton.Left := CancelButton.Left - ScaleX(6) - W;

    Form.ActiveControl := OKButton;
    if Form.ShowModal() = mrOk then
      DeleteData := Box.Checked
    else
      Result := False;
  finally
    Form.Free();
  end;

  if DeleteData then
    DeleteData := MsgBox('Delete every CareTrack record and backup in ' + DataDir() + '?' + #13#10 +
      'This cannot be undone.', mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DeleteData and DirExists(DataDir()) then
    DelTree(DataDir(), True, True, True);
end;
