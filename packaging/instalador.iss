; Inno Setup script: GestaoNegativacao-Setup-<versão>.exe from dist\GestaoNegativacao
; (built first with: python packaging\build.py). Compile with:
;   iscc /DAppVersion=0.1.0 packaging\instalador.iss
; Installs per user (no administrator needed) or for all users (the installer asks).
; The uninstaller removes the program only: the database, logs and settings in the user's
; data folder (%LOCALAPPDATA%\GestaoNegativacao) are kept.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{7C1B3E8A-5D2F-4B7A-9E61-2F0C9A4D8B15}
AppName=Gestão de Negativação
AppVersion={#AppVersion}
AppPublisher=Gestão de Negativação
DefaultDirName={autopf}\Gestão de Negativação
DefaultGroupName=Gestão de Negativação
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist
OutputBaseFilename=GestaoNegativacao-Setup-{#AppVersion}
SetupIconFile=..\build\pyinstaller\icone.ico
UninstallDisplayIcon={app}\GestaoNegativacao.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "brazilianportuguese"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"

[Tasks]
Name: "desktopicon"; Description: "Criar um atalho na área de trabalho"; GroupDescription: "Atalhos:"; Flags: unchecked

[Files]
Source: "..\dist\GestaoNegativacao\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Gestão de Negativação"; Filename: "{app}\GestaoNegativacao.exe"
Name: "{group}\Desinstalar Gestão de Negativação"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Gestão de Negativação"; Filename: "{app}\GestaoNegativacao.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\GestaoNegativacao.exe"; Description: "Abrir o Gestão de Negativação"; Flags: nowait postinstall skipifsilent

; [UninstallDelete] deliberately empty: the user's data stays.
