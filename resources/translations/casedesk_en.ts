<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CaseEditor</name>
    <message numerus="yes">
        <location filename="../../casedesk/ui/editor.py" line="+691"/>
        <source>%n thing(s) to check (the case is kept as a draft meanwhile):</source>
        <translation>
            <numerusform>%n thing to check (the case is kept as a draft meanwhile):</numerusform>
            <numerusform>%n things to check (the case is kept as a draft meanwhile):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChecksPanel</name>
    <message numerus="yes">
        <location filename="../../casedesk/ui/checks_panel.py" line="+147"/>
        <source>%n identifier(s)</source>
        <translation>
            <numerusform>%n identifier</numerusform>
            <numerusform>%n identifiers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+28"/>
        <source>%n text(s) in another language than the report</source>
        <translation>
            <numerusform>%n text in another language than the report</numerusform>
            <numerusform>%n texts in another language than the report</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n text(s) the date policy would word otherwise</source>
        <translation>
            <numerusform>%n text the date policy would word otherwise</numerusform>
            <numerusform>%n texts the date policy would word otherwise</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <location filename="../../casedesk/ui/export_dialog.py" line="+274"/>
        <source>The export would print %n patient identifier(s). Change the case or the date choice, or export anyway.</source>
        <translation>
            <numerusform>The export would print %n patient identifier. Change the case or the date choice, or export anyway.</numerusform>
            <numerusform>The export would print %n patient identifiers. Change the case or the date choice, or export anyway.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../casedesk/ui/main_window.py" line="+520"/>
        <source>Imported %n case(s).</source>
        <translation>
            <numerusform>Imported %n case.</numerusform>
            <numerusform>Imported %n cases.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>Imported %n case(s) from “%1”.</source>
        <translation>
            <numerusform>Imported %n case from “%1”.</numerusform>
            <numerusform>Imported %n cases from “%1”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n thing(s) to check are listed under the editor.</source>
        <translation>
            <numerusform>%n thing to check is listed under the editor.</numerusform>
            <numerusform>%n things to check are listed under the editor.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message numerus="yes">
        <location filename="../../casedesk/ui/preview.py" line="+221"/>
        <source>%n text(s) in another language than the report (see Checks)</source>
        <translation>
            <numerusform>%n text in another language than the report (see Checks)</numerusform>
            <numerusform>%n texts in another language than the report (see Checks)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+48"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message numerus="yes">
        <location filename="../../casedesk/ui/trash_dialog.py" line="+65"/>
        <source>Delete the %n case(s) in the trash for good? This cannot be undone.</source>
        <translation>
            <numerusform>Delete the %n case in the trash for good? This cannot be undone.</numerusform>
            <numerusform>Delete the %n cases in the trash for good? This cannot be undone.</numerusform>
        </translation>
    </message>
</context>
</TS>
