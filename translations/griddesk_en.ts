<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>GridDesk::ActionDialog</name>
    <message>
        <source>Reload case</source>
        <translation>Reload case</translation>
    </message>
    <message>
        <source>What was done, and what is the outcome</source>
        <translation>What was done, and what is the outcome</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>Result:</translation>
    </message>
    <message>
        <source>e.g. 4h, 2d or 48ch (calendar hours)</source>
        <translation>e.g. 4h, 2d or 48ch (calendar hours)</translation>
    </message>
    <message>
        <source>More time:</source>
        <translation>More time:</translation>
    </message>
    <message>
        <source>Promised for:</source>
        <translation>Promised for:</translation>
    </message>
    <message>
        <source>Required: why, in a sentence the history will keep</source>
        <translation>Required: why, in a sentence the history will keep</translation>
    </message>
    <message>
        <source>Optional note for the history</source>
        <translation>Optional note for the history</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>Possible duplicates:</source>
        <translation>Possible duplicates:</translation>
    </message>
    <message>
        <source>Merge into the chosen case instead</source>
        <translation>Merge into the chosen case instead</translation>
    </message>
    <message>
        <source>Proposed:</source>
        <translation>Proposed:</translation>
    </message>
    <message>
        <source>Lead unit:</source>
        <translation>Lead unit:</translation>
    </message>
    <message>
        <source>Taken over by:</source>
        <translation>Taken over by:</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>5 – very satisfied</source>
        <translation>5 – very satisfied</translation>
    </message>
    <message>
        <source>4 – satisfied</source>
        <translation>4 – satisfied</translation>
    </message>
    <message>
        <source>3 – neither</source>
        <translation>3 – neither</translation>
    </message>
    <message>
        <source>2 – dissatisfied</source>
        <translation>2 – dissatisfied</translation>
    </message>
    <message>
        <source>1 – very dissatisfied</source>
        <translation>1 – very dissatisfied</translation>
    </message>
    <message>
        <source>What the reporter said when called back</source>
        <translation>What the reporter said when called back</translation>
    </message>
    <message>
        <source>Satisfaction:</source>
        <translation>Satisfaction:</translation>
    </message>
    <message>
        <source>Return visit:</source>
        <translation>Return visit:</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 – case %2&lt;/b&gt;&lt;br&gt;Now %3, version %4.</source>
        <extracomment>%1 is an action, %2 a case, %3 its state, %4 its version (number of events)</extracomment>
        <translation>&lt;b&gt;%1 – case %2&lt;/b&gt;&lt;br&gt;Now %3, version %4.</translation>
    </message>
    <message>
        <source>Choose a unit from the list.</source>
        <translation>Choose a unit from the list.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an org unit of this workspace; choose one from the list.</source>
        <translation>&quot;%1&quot; is not an org unit of this workspace; choose one from the list.</translation>
    </message>
    <message>
        <source>Give a reason; the case&apos;s history keeps it.</source>
        <translation>Give a reason; the case&apos;s history keeps it.</translation>
    </message>
    <message>
        <source>Say how the case was handled.</source>
        <translation>Say how the case was handled.</translation>
    </message>
    <message>
        <source>Choose the reporter&apos;s satisfaction, from 1 to 5.</source>
        <translation>Choose the reporter&apos;s satisfaction, from 1 to 5.</translation>
    </message>
    <message>
        <source>The promised date must lie ahead.</source>
        <translation>The promised date must lie ahead.</translation>
    </message>
    <message>
        <source>Choose the case this one repeats.</source>
        <translation>Choose the case this one repeats.</translation>
    </message>
    <message>
        <source>Reload the case, check it, and submit again: what you entered is kept.</source>
        <translation>Reload the case, check it, and submit again: what you entered is kept.</translation>
    </message>
    <message>
        <source>Reloaded: the case is now %1. Check what you entered and submit again.</source>
        <extracomment>%1 is the case&apos;s state after a reload</extracomment>
        <translation>Reloaded: the case is now %1. Check what you entered and submit again.</translation>
    </message>
    <message>
        <source>Handled by:</source>
        <translation>Handled by:</translation>
    </message>
    <message>
        <source>Whoever the unit assigns</source>
        <translation>Whoever the unit assigns</translation>
    </message>
    <message>
        <source>The org chart has nobody in %1 yet.</source>
        <translation>The org chart has nobody in %1 yet.</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <source>The org chart assigns nobody to grid %1.</source>
        <translation>The org chart assigns nobody to grid %1.</translation>
    </message>
    <message>
        <source>Checked on site by:</source>
        <translation>Checked on site by:</translation>
    </message>
    <message>
        <source>%1 – %2, %3</source>
        <extracomment>a person in a list: name, post and unit, e.g. &quot;Li Na – grid supervisor, Street one&quot;</extracomment>
        <translation>%1 – %2, %3</translation>
    </message>
    <message>
        <source>What the reporter was told, and what they said</source>
        <translation>What the reporter was told, and what they said</translation>
    </message>
    <message>
        <source>Call:</source>
        <translation>Call:</translation>
    </message>
    <message>
        <source>Say what the reporter was told and what they said.</source>
        <translation>Say what the reporter was told and what they said.</translation>
    </message>
</context>
<context>
    <name>GridDesk::ActionIndex</name>
    <message>
        <source>Window</source>
        <translation>Window</translation>
    </message>
</context>
<context>
    <name>GridDesk::AddUnitDialog</name>
    <message>
        <source>Add unit</source>
        <translation>Add unit</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <extracomment>a tier in a list: %1 its number (1–6), %2 its name</extracomment>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Under:</source>
        <translation>Under:</translation>
    </message>
    <message>
        <source>the top of the chart</source>
        <translation>the top of the chart</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Tier:</source>
        <translation>&amp;Tier:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>Enter a code for the unit.</source>
        <translation>Enter a code for the unit.</translation>
    </message>
    <message>
        <source>A unit code has no spaces.</source>
        <translation>A unit code has no spaces.</translation>
    </message>
</context>
<context>
    <name>GridDesk::AlertBanner</name>
    <message>
        <source>Open case</source>
        <translation>Open case</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>Dismiss all</source>
        <translation>Dismiss all</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Recent</translation>
    </message>
    <message>
        <source>The alerts of this session, also the dismissed ones</source>
        <translation>The alerts of this session, also the dismissed ones</translation>
    </message>
    <message numerus="yes">
        <source>+%n more</source>
        <extracomment>how many alerts wait behind the one the banner shows</extracomment>
        <translation>
            <numerusform>+%n more</numerusform>
            <numerusform>+%n more</numerusform>
        </translation>
    </message>
    <message>
        <source>No alerts yet in this session</source>
        <translation>No alerts yet in this session</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <extracomment>a recent alert: %1 when, %2 what</extracomment>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>GridDesk::AlertCentre</name>
    <message>
        <source>Case %1 (%2) was marked special.</source>
        <extracomment>%1 is a case, %2 its category</extracomment>
        <translation>Case %1 (%2) was marked special.</translation>
    </message>
    <message>
        <source>Level %1 alarm (%2): case %3, %4</source>
        <extracomment>%1 is an alarm level 1–4, %2 a channel (&quot;IoT sensor alarm&quot;), %3 a case, %4 what it is</extracomment>
        <translation>Level %1 alarm (%2): case %3, %4</translation>
    </message>
    <message>
        <source>Case %1 is overdue: its %2 time ran out at %3.</source>
        <extracomment>%1 is a case, %2 a stage (&quot;Handling&quot;), %3 the deadline&apos;s date and time</extracomment>
        <translation>Case %1 is overdue: its %2 time ran out at %3.</translation>
    </message>
    <message>
        <source>Case %1 has used %2 of its %3 time; due %4.</source>
        <extracomment>%1 is a case, %2 a percentage, %3 a stage (&quot;Handling&quot;), %4 the deadline</extracomment>
        <translation>Case %1 has used %2 of its %3 time; due %4.</translation>
    </message>
    <message>
        <source>GridDesk</source>
        <translation>GridDesk</translation>
    </message>
    <message>
        <source>GridDesk alerts</source>
        <translation>GridDesk alerts</translation>
    </message>
</context>
<context>
    <name>GridDesk::AttachStandardDialog</name>
    <message>
        <source>Known</source>
        <translation>Known</translation>
    </message>
    <message>
        <source>Attach a standard to %1 %2</source>
        <extracomment>%1 category code, %2 its title</extracomment>
        <translation>Attach a standard to %1 %2</translation>
    </message>
    <message>
        <source>for example GB/T 34300-2017</source>
        <translation>for example GB/T 34300-2017</translation>
    </message>
    <message>
        <source>optional; at most %1 MB</source>
        <translation>optional; at most %1 MB</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>&amp;Number:</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>&amp;Level:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>&amp;Published:</source>
        <translation>&amp;Published:</translation>
    </message>
    <message>
        <source>&amp;Implemented:</source>
        <translation>&amp;Implemented:</translation>
    </message>
    <message>
        <source>&amp;Document:</source>
        <translation>&amp;Document:</translation>
    </message>
    <message>
        <source>A standard needs a number.</source>
        <translation>A standard needs a number.</translation>
    </message>
    <message>
        <source>A standard needs a title.</source>
        <translation>A standard needs a title.</translation>
    </message>
    <message>
        <source>A standard cannot be implemented before it is published.</source>
        <translation>A standard cannot be implemented before it is published.</translation>
    </message>
    <message>
        <source>The document %1 does not exist.</source>
        <translation>The document %1 does not exist.</translation>
    </message>
    <message>
        <source>%1 is %2 MB; a document kept in the workspace may be at most %3 MB.</source>
        <extracomment>%1 file name, %2 its size in MB, %3 the largest size in MB</extracomment>
        <translation>%1 is %2 MB; a document kept in the workspace may be at most %3 MB.</translation>
    </message>
    <message>
        <source>Document of the standard</source>
        <translation>Document of the standard</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.doc *.docx *.odt *.txt);;All files (*)</source>
        <translation>Documents (*.pdf *.doc *.docx *.odt *.txt);;All files (*)</translation>
    </message>
</context>
<context>
    <name>GridDesk::AttachedStandardsModel</name>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Implemented</source>
        <translation>Implemented</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Attached in this session; Save keeps it in the workspace.</source>
        <translation>Attached in this session; Save keeps it in the workspace.</translation>
    </message>
    <message>
        <source>Double-click to open the document.</source>
        <translation>Double-click to open the document.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1 file name, %2 its size such as &quot;1.2 MB&quot;</extracomment>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>GridDesk::CalendarEditor</name>
    <message>
        <source>Holiday</source>
        <translation>Holiday</translation>
    </message>
    <message>
        <source>Adjusted workday</source>
        <translation>Adjusted workday</translation>
    </message>
    <message>
        <source>Working week</source>
        <translation>Working week</translation>
    </message>
    <message>
        <source>09:00–12:00, 13:30–17:30</source>
        <translation>09:00–12:00, 13:30–17:30</translation>
    </message>
    <message>
        <source>Working periods of a day, in order, separated by commas.</source>
        <translation>Working periods of a day, in order, separated by commas.</translation>
    </message>
    <message>
        <source>Working &amp;periods:</source>
        <translation>Working &amp;periods:</translation>
    </message>
    <message>
        <source>Weekend days:</source>
        <translation>Weekend days:</translation>
    </message>
    <message>
        <source>Holiday schedule</source>
        <translation>Holiday schedule</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Holiday name</source>
        <translation>Holiday name</translation>
    </message>
    <message>
        <source>&amp;Add day</source>
        <translation>&amp;Add day</translation>
    </message>
    <message>
        <source>Re&amp;move day</source>
        <translation>Re&amp;move day</translation>
    </message>
    <message>
        <source>Working period &quot;%1&quot; is not written like 09:00–12:00.</source>
        <translation>Working period &quot;%1&quot; is not written like 09:00–12:00.</translation>
    </message>
    <message>
        <source>Working periods &quot;%1&quot;: %2</source>
        <translation>Working periods &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>Give the day a name, such as the holiday it belongs to.</source>
        <translation>Give the day a name, such as the holiday it belongs to.</translation>
    </message>
    <message>
        <source>%1 is now listed as %2.</source>
        <translation>%1 is now listed as %2.</translation>
    </message>
    <message>
        <source>Choose the day to remove from the list.</source>
        <translation>Choose the day to remove from the list.</translation>
    </message>
    <message>
        <source>%1 follows the normal week again.</source>
        <translation>%1 follows the normal week again.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 cannot be read: %2</translation>
    </message>
    <message>
        <source>Nothing was imported. %1</source>
        <translation>Nothing was imported. %1</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) read from %1.</source>
        <translation>
            <numerusform>%n day read from %1.</numerusform>
            <numerusform>%n days read from %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 cannot be written: %2</translation>
    </message>
    <message>
        <source>The days of %1 were written to %2.</source>
        <translation>The days of %1 were written to %2.</translation>
    </message>
    <message>
        <source>Import holiday schedule</source>
        <translation>Import holiday schedule</translation>
    </message>
    <message>
        <source>Holiday schedules (*.csv);;All files (*)</source>
        <translation>Holiday schedules (*.csv);;All files (*)</translation>
    </message>
    <message>
        <source>Export holiday schedule</source>
        <translation>Export holiday schedule</translation>
    </message>
    <message>
        <source>Imp&amp;ort holiday schedule (CSV)…</source>
        <translation>Imp&amp;ort holiday schedule (CSV)…</translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseActions</name>
    <message>
        <source>&amp;Report a case…</source>
        <translation>&amp;Report a case…</translation>
    </message>
    <message>
        <source>R&amp;un as…</source>
        <translation>R&amp;un as…</translation>
    </message>
    <message>
        <source>Re&amp;load case</source>
        <translation>Re&amp;load case</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1 is an action such as &quot;Dispatch&quot;, %2 its keyboard shortcut</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>More</source>
        <translation>More</translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseBook</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 failed: %2</translation>
    </message>
    <message>
        <source>There is no case %1.</source>
        <translation>There is no case %1.</translation>
    </message>
    <message>
        <source>The default unit of category %1</source>
        <translation>The default unit of category %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is recorded by the desk itself, not taken as an action.</source>
        <translation>&quot;%1&quot; is recorded by the desk itself, not taken as an action.</translation>
    </message>
    <message>
        <source>Case %1 is %2; a duplicate can only be merged into an open case.</source>
        <translation>Case %1 is %2; a duplicate can only be merged into an open case.</translation>
    </message>
    <message>
        <source>Reading the history of case %1</source>
        <translation>Reading the history of case %1</translation>
    </message>
    <message>
        <source>Event %1 of case %2 cannot be read.</source>
        <translation>Event %1 of case %2 cannot be read.</translation>
    </message>
    <message>
        <source>The history of case %1 has a gap before event %2.</source>
        <translation>The history of case %1 has a gap before event %2.</translation>
    </message>
    <message>
        <source>Recording &quot;%1&quot; on case %2</source>
        <translation>Recording &quot;%1&quot; on case %2</translation>
    </message>
    <message>
        <source>Updating case %1</source>
        <translation>Updating case %1</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 cannot be read: %2</translation>
    </message>
    <message>
        <source>%1 is %2 MB; attachments may be at most %3 MB.</source>
        <translation>%1 is %2 MB; attachments may be at most %3 MB.</translation>
    </message>
    <message>
        <source>Keeping %1 with case %2</source>
        <translation>Keeping %1 with case %2</translation>
    </message>
    <message>
        <source>Reading the attachments of case %1</source>
        <translation>Reading the attachments of case %1</translation>
    </message>
    <message>
        <source>Reading attachment %1</source>
        <translation>Reading attachment %1</translation>
    </message>
    <message>
        <source>There is no attachment %1.</source>
        <translation>There is no attachment %1.</translation>
    </message>
    <message>
        <source>Finding overdue cases</source>
        <translation>Finding overdue cases</translation>
    </message>
    <message>
        <source>The handling time ran out at %1.</source>
        <translation>The handling time ran out at %1.</translation>
    </message>
    <message>
        <source>The supervision time ran out at %1.</source>
        <translation>The supervision time ran out at %1.</translation>
    </message>
    <message>
        <source>Looking for duplicates of case %1</source>
        <translation>Looking for duplicates of case %1</translation>
    </message>
    <message>
        <source>Finding open cases</source>
        <translation>Finding open cases</translation>
    </message>
    <message>
        <source>a history must begin with the report</source>
        <translation>a history must begin with the report</translation>
    </message>
    <message>
        <source>it starts from another state than the case was in</source>
        <translation>it starts from another state than the case was in</translation>
    </message>
    <message>
        <source>the loop does not lead there by that action</source>
        <translation>the loop does not lead there by that action</translation>
    </message>
    <message>
        <source>it is dated before the event before it</source>
        <translation>it is dated before the event before it</translation>
    </message>
    <message>
        <source>Event %1 of case %2 does not follow from the history: %3.</source>
        <translation>Event %1 of case %2 does not follow from the history: %3.</translation>
    </message>
    <message>
        <source>%1 lies in the future; actions are recorded when they are taken.</source>
        <translation>%1 lies in the future; actions are recorded when they are taken.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 does not exist.</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 is not a file.</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 is empty.</translation>
    </message>
    <message>
        <source>%1 keeps growing.</source>
        <translation>%1 keeps growing.</translation>
    </message>
    <message>
        <source>Looking for changed cases</source>
        <translation>Looking for changed cases</translation>
    </message>
    <message>
        <source>Looking for case %1</source>
        <translation>Looking for case %1</translation>
    </message>
    <message>
        <source>Case %1 could not be moved to grid %2: %3</source>
        <translation>Case %1 could not be moved to grid %2: %3</translation>
    </message>
    <message>
        <source>Case %1 cannot keep %2 events of its history.</source>
        <translation>Case %1 cannot keep %2 events of its history.</translation>
    </message>
    <message>
        <source>Setting aside the history of case %1: %2</source>
        <translation>Setting aside the history of case %1: %2</translation>
    </message>
    <message>
        <source>An attachment has 1 byte to %1 MB, not %2 bytes.</source>
        <translation>An attachment has 1 byte to %1 MB, not %2 bytes.</translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseDesk</name>
    <message>
        <source>The desk cannot work on %1: %2</source>
        <translation>The desk cannot work on %1: %2</translation>
    </message>
    <message>
        <source>%1 has the role &quot;%2&quot;, which the desk does not know.</source>
        <translation>%1 has the role &quot;%2&quot;, which the desk does not know.</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>No workspace is open.</translation>
    </message>
    <message>
        <source>Finish or cancel the open dialog first.</source>
        <translation>Finish or cancel the open dialog first.</translation>
    </message>
    <message>
        <source>Case %1: %2 done; it is now %3.</source>
        <extracomment>%1 is a case, %2 an action, %3 the state it is in now</extracomment>
        <translation>Case %1: %2 done; it is now %3.</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <extracomment>%1 is the unit a dispatch rule proposes, %2 the rule and why it matched</extracomment>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>%1: no rule matches; it is the default unit of category %2.</source>
        <translation>%1: no rule matches; it is the default unit of category %2.</translation>
    </message>
    <message>
        <source>No rule matches and the category names no default unit: choose the unit.</source>
        <translation>No rule matches and the category names no default unit: choose the unit.</translation>
    </message>
    <message>
        <source>Click the place of the case on the map.</source>
        <translation>Click the place of the case on the map.</translation>
    </message>
    <message>
        <source>Case %1 reported; it waits to be registered.</source>
        <translation>Case %1 reported; it waits to be registered.</translation>
    </message>
    <message>
        <source>%1 is kept with case %2.</source>
        <translation>%1 is kept with case %2.</translation>
    </message>
    <message>
        <source>Attach a file to the case</source>
        <translation>Attach a file to the case</translation>
    </message>
    <message>
        <source>Photos and documents (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.txt);;All files (*)</source>
        <translation>Photos and documents (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 cannot be written: %2</translation>
    </message>
    <message>
        <source>Save attachment as</source>
        <translation>Save attachment as</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>Saved %1.</translation>
    </message>
    <message>
        <source>The map is centred on the case; its point appears when the workspace is opened again.</source>
        <translation>The map is centred on the case; its point appears when the workspace is opened again.</translation>
    </message>
    <message numerus="yes">
        <source>Deadline rules acted on %n case(s).</source>
        <translation>
            <numerusform>Deadline rules acted on %n case.</numerusform>
            <numerusform>Deadline rules acted on %n cases.</numerusform>
        </translation>
    </message>
    <message>
        <source>The desk works with the saved workflow setup.</source>
        <translation>The desk works with the saved workflow setup.</translation>
    </message>
    <message>
        <source>Reports cannot be linked to the register: %1</source>
        <translation>Reports cannot be linked to the register: %1</translation>
    </message>
    <message>
        <source>%1 — %2 %3</source>
        <extracomment>a register entry offered for a case: its code, kind and name</extracomment>
        <translation>%1 — %2 %3</translation>
    </message>
    <message>
        <source>Link a register entry</source>
        <translation>Link a register entry</translation>
    </message>
    <message>
        <source>An entry at the case&apos;s place, or any entry&apos;s code:</source>
        <translation>An entry at the case&apos;s place, or any entry&apos;s code:</translation>
    </message>
    <message>
        <source>Case %1 is linked to %2.</source>
        <translation>Case %1 is linked to %2.</translation>
    </message>
    <message>
        <source>Case %1 is no longer linked to %2.</source>
        <translation>Case %1 is no longer linked to %2.</translation>
    </message>
    <message>
        <source>Reveal the reporter&apos;s contact</source>
        <translation>Reveal the reporter&apos;s contact</translation>
    </message>
    <message>
        <source>Why do you need the reporter&apos;s contact? The reveal is recorded with your name and this reason.</source>
        <translation>Why do you need the reporter&apos;s contact? The reveal is recorded with your name and this reason.</translation>
    </message>
    <message>
        <source>This case&apos;s report left no contact.</source>
        <translation>This case&apos;s report left no contact.</translation>
    </message>
    <message>
        <source>The reporter&apos;s contact is shown; the reveal is recorded.</source>
        <translation>The reporter&apos;s contact is shown; the reveal is recorded.</translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseDetailPanel</name>
    <message>
        <source>Case:</source>
        <translation>Case:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>State:</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Description:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Location:</translation>
    </message>
    <message>
        <source>Grid:</source>
        <translation>Grid:</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <source>Reported:</source>
        <translation>Reported:</translation>
    </message>
    <message>
        <source>Case types:</source>
        <translation>Case types:</translation>
    </message>
    <message>
        <source>Lead unit:</source>
        <translation>Lead unit:</translation>
    </message>
    <message>
        <source>Jointly with:</source>
        <translation>Jointly with:</translation>
    </message>
    <message>
        <source>Dispatched by:</source>
        <translation>Dispatched by:</translation>
    </message>
    <message>
        <source>Promised for:</source>
        <translation>Promised for:</translation>
    </message>
    <message>
        <source>Satisfaction:</source>
        <translation>Satisfaction:</translation>
    </message>
    <message>
        <source>Duplicates:</source>
        <translation>Duplicates:</translation>
    </message>
    <message>
        <source>Rule %1</source>
        <translation>Rule %1</translation>
    </message>
    <message>
        <source>Chosen by %1 (no rule)</source>
        <extracomment>%1 is the person who chose the unit</extracomment>
        <translation>Chosen by %1 (no rule)</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>Show on map</translation>
    </message>
    <message>
        <source>Centre the map on the case and select it</source>
        <translation>Centre the map on the case and select it</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>No case chosen. Pick one in the queue or on the map.</source>
        <translation>No case chosen. Pick one in the queue or on the map.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Case %1&lt;/b&gt; · %2</source>
        <extracomment>%1 is a case, %2 its state</extracomment>
        <translation>&lt;b&gt;Case %1&lt;/b&gt; · %2</translation>
    </message>
    <message>
        <source>%1 (no. %2 in this workspace)</source>
        <translation>%1 (no. %2 in this workspace)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1, %2 (longitude, latitude)</source>
        <translation>%1, %2 (longitude, latitude)</translation>
    </message>
    <message>
        <source>none given</source>
        <translation>none given</translation>
    </message>
    <message>
        <source>(no history recorded yet)</source>
        <translation>(no history recorded yet)</translation>
    </message>
    <message>
        <source>%1 of 5</source>
        <translation>%1 of 5</translation>
    </message>
    <message>
        <source>merged into case %1</source>
        <translation>merged into case %1</translation>
    </message>
    <message>
        <source>case %1 merged in</source>
        <translation>case %1 merged in</translation>
    </message>
    <message>
        <source>Late by %1</source>
        <translation>Late by %1</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>%1 (%2), added by %3 on %4</source>
        <extracomment>an attachment: file name, size, who added it and when</extracomment>
        <translation>%1 (%2), added by %3 on %4</translation>
    </message>
    <message>
        <source>(history unreadable: %1)</source>
        <translation>(history unreadable: %1)</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>Link…</translation>
    </message>
    <message>
        <source>Link the case to a register entry: one at its place, or any by its code</source>
        <translation>Link the case to a register entry: one at its place, or any by its code</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>Unlink</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <extracomment>%1 is a register entry&apos;s kind, %2 its name, %3 its code</extracomment>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <source>Reporter: %1</source>
        <translation>Reporter: %1</translation>
    </message>
    <message>
        <source>Linked by %1</source>
        <translation>Linked by %1</translation>
    </message>
    <message>
        <source>Possibly the same as:</source>
        <translation>Possibly the same as:</translation>
    </message>
    <message>
        <source>case %1 (%2, %3 min and %4 m apart)</source>
        <extracomment>%1 is a case, %2 its channel, %3 minutes and %4 metres from this case</extracomment>
        <translation>case %1 (%2, %3 min and %4 m apart)</translation>
    </message>
    <message>
        <source>— merge it with Merge.</source>
        <translation>— merge it with Merge.</translation>
    </message>
    <message>
        <source>Reporter&apos;s contact:</source>
        <translation>Reporter&apos;s contact:</translation>
    </message>
    <message>
        <source>Reveal contact…</source>
        <translation>Reveal contact…</translation>
    </message>
    <message>
        <source>%1 (masked)</source>
        <translation>%1 (masked)</translation>
    </message>
    <message>
        <source>Show the contact unmasked; you are asked why, and the reveal is recorded</source>
        <translation>Show the contact unmasked; you are asked why, and the reveal is recorded</translation>
    </message>
    <message>
        <source>Only a leader or an administrator may see a reporter&apos;s contact unmasked</source>
        <translation>Only a leader or an administrator may see a reporter&apos;s contact unmasked</translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseImporter</name>
    <message>
        <source>There is no case profile &quot;%1&quot;; use auto, nyc311 or la311.</source>
        <translation>There is no case profile &quot;%1&quot;; use auto, nyc311 or la311.</translation>
    </message>
    <message>
        <source>%1 does not look like a known hotline export (nyc311 or la311): its columns are %2.</source>
        <translation>%1 does not look like a known hotline export (nyc311 or la311): its columns are %2.</translation>
    </message>
    <message>
        <source>%1 has no column &quot;%2&quot;, which the %3 profile needs.</source>
        <translation>%1 has no column &quot;%2&quot;, which the %3 profile needs.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) had coordinates outside longitude/latitude and were kept without a location.</source>
        <translation>
            <numerusform>%n row had coordinates outside longitude/latitude and was kept without a location.</numerusform>
            <numerusform>%n rows had coordinates outside longitude/latitude and were kept without a location.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) repeat an id met earlier in the file (first: %1); the later row was kept.</source>
        <translation>
            <numerusform>%n row repeats an id met earlier in the file (first: %1); the later row was kept.</numerusform>
            <numerusform>%n rows repeat an id met earlier in the file (first: %1); the later rows were kept.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseQueueWidget</name>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Show the cases of every grid again</source>
        <translation>Show the cases of every grid again</translation>
    </message>
    <message>
        <source>Filtered by grid %1</source>
        <extracomment>%1 is the name and code of a grid chosen on the map</extracomment>
        <translation>Filtered by grid %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln case(s) shown</source>
        <translation>
            <numerusform>%1 of %Ln case shown</numerusform>
            <numerusform>%1 of %Ln cases shown</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter cases (id, state, category, unit, grid…)</source>
        <translation>Filter cases (id, state, category, unit, grid…)</translation>
    </message>
    <message>
        <source>Queues: Ctrl+1 to Ctrl+8</source>
        <translation>Queues: Ctrl+1 to Ctrl+8</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <extracomment>a queue and how many cases it holds, e.g. &quot;Overdue 12&quot;</extracomment>
        <translation>%1  %2</translation>
    </message>
    <message numerus="yes">
        <source>The %n case(s) of %1</source>
        <extracomment>%1 says which number of the evaluation the cases are behind</extracomment>
        <translation>
            <numerusform>The %n case of %1</numerusform>
            <numerusform>The %n cases of %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Show every case again</source>
        <translation>Show every case again</translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseTableModel</name>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Agency</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>%1, extension asked</source>
        <extracomment>%1 is a case state; a unit asked for more time and a manager must decide</extracomment>
        <translation>%1, extension asked</translation>
    </message>
    <message>
        <source>Jointly with %1</source>
        <extracomment>%1 lists the units handling a joint case with the lead unit</extracomment>
        <translation>Jointly with %1</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Lead unit</source>
        <translation>Lead unit</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseTimelineModel</name>
    <message>
        <source>%1 → %2</source>
        <extracomment>a change of state, e.g. &quot;Registered → Dispatched&quot;</extracomment>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Lead unit: %1.</source>
        <translation>Lead unit: %1.</translation>
    </message>
    <message>
        <source>Jointly with %1.</source>
        <translation>Jointly with %1.</translation>
    </message>
    <message>
        <source>Proposed by %1.</source>
        <extracomment>%1 is a dispatch rule and why it matched, e.g. &apos;Rule R1 &quot;Roads&quot; (category road)&apos;</extracomment>
        <translation>Proposed by %1.</translation>
    </message>
    <message>
        <source>Satisfaction %1 of 5.</source>
        <extracomment>%1 is a satisfaction from 1 to 5</extracomment>
        <translation>Satisfaction %1 of 5.</translation>
    </message>
    <message>
        <source>Return visit: %1</source>
        <translation>Return visit: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1 is a file name, %2 its size, e.g. &quot;photo.jpg (1.2 MB)&quot;
----------
%1 is a register entry&apos;s code, %2 its kind and masked name</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Channel: %1.</source>
        <translation>Channel: %1.</translation>
    </message>
    <message>
        <source>Category: %1.</source>
        <translation>Category: %1.</translation>
    </message>
    <message>
        <source>Taken over by %1.</source>
        <translation>Taken over by %1.</translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation>Result: %1</translation>
    </message>
    <message>
        <source>Asked for %1 more.</source>
        <extracomment>%1 is a time limit such as &quot;2d&quot;</extracomment>
        <translation>Asked for %1 more.</translation>
    </message>
    <message>
        <source>Granted %1 more.</source>
        <translation>Granted %1 more.</translation>
    </message>
    <message>
        <source>Promised for %1.</source>
        <translation>Promised for %1.</translation>
    </message>
    <message>
        <source>Merged into case %1.</source>
        <translation>Merged into case %1.</translation>
    </message>
    <message>
        <source>Case %1 was merged into this one.</source>
        <translation>Case %1 was merged into this one.</translation>
    </message>
    <message>
        <source>Grid %1 → %2 (edition %3).</source>
        <extracomment>%1 and %2 are grid codes, %3 the number of a grid edition</extracomment>
        <translation>Grid %1 → %2 (edition %3).</translation>
    </message>
    <message>
        <source>Handled by %1.</source>
        <translation>Handled by %1.</translation>
    </message>
    <message>
        <source>Checked on site by %1.</source>
        <translation>Checked on site by %1.</translation>
    </message>
    <message>
        <source>Reporter: %1.</source>
        <translation>Reporter: %1.</translation>
    </message>
    <message>
        <source>Register entry: %1.</source>
        <translation>Register entry: %1.</translation>
    </message>
    <message>
        <source>Received %1 from %2.</source>
        <extracomment>%1 is a time, %2 the program or file that sent a report</extracomment>
        <translation>Received %1 from %2.</translation>
    </message>
    <message>
        <source>Alarm %1, level %2, from device %3.</source>
        <extracomment>%1 is the type of an alarm, %2 its level from 1 to 4, %3 the device&apos;s code</extracomment>
        <translation>Alarm %1, level %2, from device %3.</translation>
    </message>
    <message numerus="yes">
        <source>(%n bytes that are not text)</source>
        <translation>
            <numerusform>(%n byte that is not text)</numerusform>
            <numerusform>(%n bytes that are not text)</numerusform>
        </translation>
    </message>
    <message>
        <source>As received:</source>
        <translation>As received:</translation>
    </message>
    <message>
        <source>%1 Came again: %2 alarms in all.</source>
        <extracomment>%1 says which alarm, %2 how many alarms the report holds now</extracomment>
        <translation>%1 Came again: %2 alarms in all.</translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseType</name>
    <message>
        <source>Immediate</source>
        <translation>Immediate</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>Promised</translation>
    </message>
    <message>
        <source>Joint handling</source>
        <translation>Joint handling</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Supplementary</source>
        <translation>Supplementary</translation>
    </message>
    <message>
        <source>Special</source>
        <translation>Special</translation>
    </message>
</context>
<context>
    <name>GridDesk::CategoriesEditor</name>
    <message>
        <source>Component</source>
        <translation>Component</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Default unit</source>
        <translation>Default unit</translation>
    </message>
    <message>
        <source>Own limits</source>
        <translation>Own limits</translation>
    </message>
    <message>
        <source>Add &amp;top-level</source>
        <translation>Add &amp;top-level</translation>
    </message>
    <message>
        <source>Add &amp;subcategory</source>
        <translation>Add &amp;subcategory</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>The code is fixed once the category is saved: cases keep it.</source>
        <translation>The code is fixed once the category is saved: cases keep it.</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>Default &amp;unit:</source>
        <translation>Default &amp;unit:</translation>
    </message>
    <message>
        <source>Time limits: &quot;4h&quot; working hours, &quot;3d&quot; working days, &quot;48ch&quot; calendar hours; empty takes the limit shown in grey.</source>
        <translation>Time limits: &quot;4h&quot; working hours, &quot;3d&quot; working days, &quot;48ch&quot; calendar hours; empty takes the limit shown in grey.</translation>
    </message>
    <message>
        <source>%1:</source>
        <extracomment>a stage of the loop with a time limit, e.g. &quot;Handle:&quot;</extracomment>
        <translation>%1:</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>a stage and its own time limit in the category list, e.g. &quot;Handle 3d&quot;</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Choose the category to add a subcategory to.</source>
        <translation>Choose the category to add a subcategory to.</translation>
    </message>
    <message>
        <source>New category</source>
        <translation>New category</translation>
    </message>
    <message>
        <source>%1 has subcategories; remove or move them first.</source>
        <translation>%1 has subcategories; remove or move them first.</translation>
    </message>
    <message>
        <source>Dispatch rule %1 names %2; change or remove the rule first.</source>
        <translation>Dispatch rule %1 names %2; change or remove the rule first.</translation>
    </message>
    <message>
        <source>%1 removed.</source>
        <translation>%1 removed.</translation>
    </message>
    <message>
        <source>A subcategory is of its parent&apos;s kind.</source>
        <translation>A subcategory is of its parent&apos;s kind.</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <extracomment>the limit a category takes from a parent category, e.g. &quot;3d from road&quot;
----------
the unit a category takes from a parent, e.g. &quot;Street one from road&quot;</extracomment>
        <translation>%1 from %2</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>no limit</translation>
    </message>
    <message>
        <source>%1 standard</source>
        <extracomment>the limit a category takes from the standard limits, e.g. &quot;3d standard&quot;</extracomment>
        <translation>%1 standard</translation>
    </message>
    <message>
        <source>A category (named &quot;%1&quot;) has no code.</source>
        <translation>A category (named &quot;%1&quot;) has no code.</translation>
    </message>
    <message>
        <source>Category %1, limit of %2: %3</source>
        <extracomment>%1 a category code, %2 a stage, %3 what is wrong with the limit</extracomment>
        <translation>Category %1, limit of %2: %3</translation>
    </message>
    <message>
        <source>Type part of a unit&apos;s name or code</source>
        <translation>Type part of a unit&apos;s name or code</translation>
    </message>
    <message>
        <source>None: dispatchers choose, unless a rule decides</source>
        <translation>None: dispatchers choose, unless a rule decides</translation>
    </message>
</context>
<context>
    <name>GridDesk::CategoryDialog</name>
    <message>
        <source>New category under %1</source>
        <extracomment>%1 is the code of the category the new one goes under</extracomment>
        <translation>New category under %1</translation>
    </message>
    <message>
        <source>Title (&amp;Chinese):</source>
        <translation>Title (&amp;Chinese):</translation>
    </message>
    <message>
        <source>Title (&amp;English):</source>
        <translation>Title (&amp;English):</translation>
    </message>
    <message>
        <source>Summary (C&amp;hinese):</source>
        <translation>Summary (C&amp;hinese):</translation>
    </message>
    <message>
        <source>Summary (E&amp;nglish):</source>
        <translation>Summary (E&amp;nglish):</translation>
    </message>
</context>
<context>
    <name>GridDesk::CategoryTree</name>
    <message>
        <source>&quot;code&quot; is missing</source>
        <translation>&quot;code&quot; is missing</translation>
    </message>
    <message>
        <source>&quot;kind&quot; is &quot;%1&quot;; it must be &quot;component&quot; or &quot;event&quot;</source>
        <translation>&quot;kind&quot; is &quot;%1&quot;; it must be &quot;component&quot; or &quot;event&quot;</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a stage</source>
        <translation>&quot;%1&quot; is not a stage</translation>
    </message>
    <message>
        <source>Category %1 appears twice.</source>
        <translation>Category %1 appears twice.</translation>
    </message>
    <message>
        <source>Category %1 names a parent %2 that does not exist.</source>
        <translation>Category %1 names a parent %2 that does not exist.</translation>
    </message>
    <message>
        <source>Category %1 is its own ancestor.</source>
        <translation>Category %1 is its own ancestor.</translation>
    </message>
    <message>
        <source>category %1</source>
        <translation>category %1</translation>
    </message>
    <message>
        <source>the limit of %1 must be written as text, such as &quot;3d&quot;</source>
        <translation>the limit of %1 must be written as text, such as &quot;3d&quot;</translation>
    </message>
</context>
<context>
    <name>GridDesk::ChoroplethOverlay</name>
    <message>
        <source>%1 to %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>no value</translation>
    </message>
    <message>
        <source>%1 in grid %2: %3</source>
        <extracomment>%1 an indicator, %2 a grid code, %3 its value</extracomment>
        <translation>%1 in grid %2: %3</translation>
    </message>
</context>
<context>
    <name>GridDesk::Cli</name>
    <message>
        <source>griddesk-cli: %1</source>
        <translation>griddesk-cli: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>  encoding: %1</source>
        <translation>  encoding: %1</translation>
    </message>
    <message>
        <source>import-grids needs a WORKSPACE and a FILE.</source>
        <translation>import-grids needs a WORKSPACE and a FILE.</translation>
    </message>
    <message>
        <source>import-grids needs --level (%1).</source>
        <translation>import-grids needs --level (%1).</translation>
    </message>
    <message>
        <source>unknown level &quot;%1&quot;; use one of %2.</source>
        <translation>unknown level &quot;%1&quot;; use one of %2.</translation>
    </message>
    <message>
        <source>import-cases needs a WORKSPACE and a FILE.</source>
        <translation>import-cases needs a WORKSPACE and a FILE.</translation>
    </message>
    <message>
        <source>grids needs a WORKSPACE.</source>
        <translation>grids needs a WORKSPACE.</translation>
    </message>
    <message>
        <source>grids prints JSON only; add --json.</source>
        <translation>grids prints JSON only; add --json.</translation>
    </message>
    <message>
        <source>cases needs a WORKSPACE.</source>
        <translation>cases needs a WORKSPACE.</translation>
    </message>
    <message>
        <source>cases prints JSON only; add --json.</source>
        <translation>cases prints JSON only; add --json.</translation>
    </message>
    <message>
        <source>the workspace has no grid %1.</source>
        <translation>the workspace has no grid %1.</translation>
    </message>
    <message>
        <source>render needs a WORKSPACE and an OUT.png.</source>
        <translation>render needs a WORKSPACE and an OUT.png.</translation>
    </message>
    <message>
        <source>--size must be WIDTHxHEIGHT, 16 to 16384 pixels each, for example 1600x1200.</source>
        <translation>--size must be WIDTHxHEIGHT, 16 to 16384 pixels each, for example 1600x1200.</translation>
    </message>
    <message>
        <source>--bbox must be WEST,SOUTH,EAST,NORTH in degrees with west &lt; east and south &lt; north.</source>
        <translation>--bbox must be WEST,SOUTH,EAST,NORTH in degrees with west &lt; east and south &lt; north.</translation>
    </message>
    <message>
        <source>the workspace has nothing to draw; import grids first.</source>
        <translation>the workspace has nothing to draw; import grids first.</translation>
    </message>
    <message>
        <source>the image could not be written to %1.</source>
        <translation>the image could not be written to %1.</translation>
    </message>
    <message>
        <source>%1: %2x%3 pixels, extent %4,%5,%6,%7</source>
        <translation>%1: %2x%3 pixels, extent %4,%5,%6,%7</translation>
    </message>
    <message>
        <source>Grid level.</source>
        <translation>Grid level.</translation>
    </message>
    <message>
        <source>Layer to read.</source>
        <translation>Layer to read.</translation>
    </message>
    <message>
        <source>Field holding grid codes.</source>
        <translation>Field holding grid codes.</translation>
    </message>
    <message>
        <source>Field holding grid names.</source>
        <translation>Field holding grid names.</translation>
    </message>
    <message>
        <source>Field holding parent codes.</source>
        <translation>Field holding parent codes.</translation>
    </message>
    <message>
        <source>CRS of the file, or gcj02.</source>
        <translation>CRS of the file, or gcj02.</translation>
    </message>
    <message>
        <source>Text encoding of the attributes.</source>
        <translation>Text encoding of the attributes.</translation>
    </message>
    <message>
        <source>Case import profile.</source>
        <translation>Case import profile.</translation>
    </message>
    <message>
        <source>Only cases in this grid and below.</source>
        <translation>Only cases in this grid and below.</translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation>Print JSON.</translation>
    </message>
    <message>
        <source>Mend invalid polygons instead of failing.</source>
        <translation>Mend invalid polygons instead of failing.</translation>
    </message>
    <message>
        <source>Image size.</source>
        <translation>Image size.</translation>
    </message>
    <message>
        <source>Extent to draw.</source>
        <translation>Extent to draw.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Show this help.</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;.</source>
        <translation>unknown command &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The local user taking the action.</source>
        <translation>The local user taking the action.</translation>
    </message>
    <message>
        <source>The role acted in.</source>
        <translation>The role acted in.</translation>
    </message>
    <message>
        <source>Lead unit (dispatch) or unit taking over (escalate).</source>
        <translation>Lead unit (dispatch) or unit taking over (escalate).</translation>
    </message>
    <message>
        <source>A co-handling unit; repeat for several.</source>
        <translation>A co-handling unit; repeat for several.</translation>
    </message>
    <message>
        <source>Why.</source>
        <translation>Why.</translation>
    </message>
    <message>
        <source>How the case was handled.</source>
        <translation>How the case was handled.</translation>
    </message>
    <message>
        <source>Satisfaction, 1 to 5.</source>
        <translation>Satisfaction, 1 to 5.</translation>
    </message>
    <message>
        <source>Extra time asked for, such as 2d or 4h.</source>
        <translation>Extra time asked for, such as 2d or 4h.</translation>
    </message>
    <message>
        <source>The promised date.</source>
        <translation>The promised date.</translation>
    </message>
    <message>
        <source>The case a duplicate is merged into.</source>
        <translation>The case a duplicate is merged into.</translation>
    </message>
    <message>
        <source>File to attach.</source>
        <translation>File to attach.</translation>
    </message>
    <message>
        <source>The case version the action was decided on.</source>
        <translation>The case version the action was decided on.</translation>
    </message>
    <message>
        <source>When the action was taken (default: now).</source>
        <translation>When the action was taken (default: now).</translation>
    </message>
    <message>
        <source>Apply the deadline rules.</source>
        <translation>Apply the deadline rules.</translation>
    </message>
    <message>
        <source>A rule table to try instead of the saved one.</source>
        <translation>A rule table to try instead of the saved one.</translation>
    </message>
    <message>
        <source>First day, YYYY-MM-DD.</source>
        <translation>First day, YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>Last day, YYYY-MM-DD.</source>
        <translation>Last day, YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>Only this year.</source>
        <translation>Only this year.</translation>
    </message>
    <message>
        <source>Case category.</source>
        <translation>Case category.</translation>
    </message>
    <message>
        <source>What was seen.</source>
        <translation>What was seen.</translation>
    </message>
    <message>
        <source>Where.</source>
        <translation>Where.</translation>
    </message>
    <message>
        <source>Longitude, WGS84.</source>
        <translation>Longitude, WGS84.</translation>
    </message>
    <message>
        <source>Latitude, WGS84.</source>
        <translation>Latitude, WGS84.</translation>
    </message>
    <message>
        <source>Source channel of a report.</source>
        <translation>Source channel of a report.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 cannot be read: %2</translation>
    </message>
    <message>
        <source>%1 is not valid JSON at byte %2: %3</source>
        <translation>%1 is not valid JSON at byte %2: %3</translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation>unit %1</translation>
    </message>
    <message>
        <source>%1: &quot;code&quot; and &quot;name&quot; are needed.</source>
        <translation>%1: &quot;code&quot; and &quot;name&quot; are needed.</translation>
    </message>
    <message>
        <source>%1: %2 appears twice.</source>
        <translation>%1: %2 appears twice.</translation>
    </message>
    <message>
        <source>a user has no &quot;name&quot;.</source>
        <translation>a user has no &quot;name&quot;.</translation>
    </message>
    <message>
        <source>--%1 must be a date such as 2018-01-02, not &quot;%2&quot;.</source>
        <translation>--%1 must be a date such as 2018-01-02, not &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>rules needs a WORKSPACE and list, export, import FILE or dry-run.</source>
        <translation>rules needs a WORKSPACE and list, export, import FILE or dry-run.</translation>
    </message>
    <message numerus="yes">
        <source>%n dispatch rule(s) in force.</source>
        <translation>
            <numerusform>%n dispatch rule in force.</numerusform>
            <numerusform>%n dispatch rules in force.</numerusform>
        </translation>
    </message>
    <message>
        <source>on</source>
        <translation>on</translation>
    </message>
    <message>
        <source>off</source>
        <translation>off</translation>
    </message>
    <message>
        <source>setup needs a WORKSPACE and export or import FILE.</source>
        <translation>setup needs a WORKSPACE and export or import FILE.</translation>
    </message>
    <message>
        <source>calendar needs a WORKSPACE and export or import FILE.csv.</source>
        <translation>calendar needs a WORKSPACE and export or import FILE.csv.</translation>
    </message>
    <message>
        <source>--year must be a year such as 2026.</source>
        <translation>--year must be a year such as 2026.</translation>
    </message>
    <message>
        <source>Case %1 (%2 %3): %4, version %5</source>
        <translation>Case %1 (%2 %3): %4, version %5</translation>
    </message>
    <message>
        <source>  %1 due %2 (%3)</source>
        <translation>  %1 due %2 (%3)</translation>
    </message>
    <message>
        <source>say who acts with --as USER (users of this workspace: %1).</source>
        <translation>say who acts with --as USER (users of this workspace: %1).</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>--into must be a case id.</source>
        <translation>--into must be a case id.</translation>
    </message>
    <message>
        <source>--at must be a time such as 2026-12-04T09:30:00.</source>
        <translation>--at must be a time such as 2026-12-04T09:30:00.</translation>
    </message>
    <message>
        <source>report needs --category.</source>
        <translation>report needs --category.</translation>
    </message>
    <message>
        <source>give both --lon and --lat, or neither.</source>
        <translation>give both --lon and --lat, or neither.</translation>
    </message>
    <message>
        <source>--lon and --lat must be WGS84 degrees.</source>
        <translation>--lon and --lat must be WGS84 degrees.</translation>
    </message>
    <message>
        <source>no dispatch rule or category default proposes a unit; name one with --unit.</source>
        <translation>no dispatch rule or category default proposes a unit; name one with --unit.</translation>
    </message>
    <message>
        <source>report needs a WORKSPACE.</source>
        <translation>report needs a WORKSPACE.</translation>
    </message>
    <message>
        <source>Case %1 reported in grid %2.</source>
        <translation>Case %1 reported in grid %2.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>case needs a WORKSPACE and a case ID.</source>
        <translation>case needs a WORKSPACE and a case ID.</translation>
    </message>
    <message>
        <source>act needs a WORKSPACE, a case ID and an ACTION.</source>
        <translation>act needs a WORKSPACE, a case ID and an ACTION.</translation>
    </message>
    <message>
        <source>unknown action &quot;%1&quot;; use one of %2.</source>
        <translation>unknown action &quot;%1&quot;; use one of %2.</translation>
    </message>
    <message>
        <source>--based-on must be a case version (a number).</source>
        <translation>--based-on must be a case version (a number).</translation>
    </message>
    <message>
        <source>attach needs --file PATH.</source>
        <translation>attach needs --file PATH.</translation>
    </message>
    <message>
        <source>Case %1: %2 by %3, %4 → %5 (version %6).</source>
        <translation>Case %1: %2 by %3, %4 → %5 (version %6).</translation>
    </message>
    <message>
        <source>deadlines needs a WORKSPACE.</source>
        <translation>deadlines needs a WORKSPACE.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be %2.</source>
        <translation>&quot;%1&quot; must be %2.</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>a list</translation>
    </message>
    <message>
        <source>a list of numbers</source>
        <translation>a list of numbers</translation>
    </message>
    <message>
        <source>supervise, escalate or none</source>
        <translation>supervise, escalate or none</translation>
    </message>
    <message>
        <source>days 1 (Monday) to 7 (Sunday)</source>
        <translation>days 1 (Monday) to 7 (Sunday)</translation>
    </message>
    <message>
        <source>unknown section &quot;%1&quot;; a setup has %2.</source>
        <translation>unknown section &quot;%1&quot;; a setup has %2.</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>an object</translation>
    </message>
    <message>
        <source>a list of rules</source>
        <translation>a list of rules</translation>
    </message>
    <message>
        <source>--from comes after --to.</source>
        <translation>--from comes after --to.</translation>
    </message>
    <message>
        <source>%1 is not a user of this workspace; an administrator adds users with setup import or in the workstation&apos;s Run as dialog.</source>
        <translation>%1 is not a user of this workspace; an administrator adds users with setup import or in the workstation&apos;s Run as dialog.</translation>
    </message>
    <message>
        <source>%1 acts as %2, not as &quot;%3&quot;.</source>
        <translation>%1 acts as %2, not as &quot;%3&quot;.</translation>
    </message>
    <message>
        <source>there is no category &quot;%1&quot; in this workspace; setup export lists them.</source>
        <translation>there is no category &quot;%1&quot; in this workspace; setup export lists them.</translation>
    </message>
    <message>
        <source>--at must be a time such as 2026-12-04T09:30:00, not &quot;%1&quot;.</source>
        <translation>--at must be a time such as 2026-12-04T09:30:00, not &quot;%1&quot;.</translation>
    </message>
    <message numerus="yes">
        <source>Deadlines of %n case(s) recomputed.</source>
        <translation>
            <numerusform>Deadline of %n case recomputed.</numerusform>
            <numerusform>Deadlines of %n cases recomputed.</numerusform>
        </translation>
    </message>
    <message>
        <source>Org units: %1. Users: %2. Categories: %3. Dispatch rules: %4.</source>
        <translation>Org units: %1. Users: %2. Categories: %3. Dispatch rules: %4.</translation>
    </message>
    <message numerus="yes">
        <source>%n calendar day(s) read.</source>
        <translation>
            <numerusform>%n calendar day read.</numerusform>
            <numerusform>%n calendar days read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) running late or overdue.</source>
        <translation>
            <numerusform>%n case running late or overdue.</numerusform>
            <numerusform>%n cases running late or overdue.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) taken by the deadline rules.</source>
        <translation>
            <numerusform>%n action taken by the deadline rules.</numerusform>
            <numerusform>%n actions taken by the deadline rules.</numerusform>
        </translation>
    </message>
    <message>
        <source>there is no case %1, as a number of this workspace or an id of a source.</source>
        <translation>there is no case %1, as a number of this workspace or an id of a source.</translation>
    </message>
    <message>
        <source>%1 is the source id of cases %2; name one by its number.</source>
        <translation>%1 is the source id of cases %2; name one by its number.</translation>
    </message>
    <message>
        <source>an escalated case is dispatched by the unit that took it over; name the unit with --unit.</source>
        <translation>an escalated case is dispatched by the unit that took it over; name the unit with --unit.</translation>
    </message>
    <message numerus="yes">
        <source>The deadline rules would act on %n of them now (--apply does).</source>
        <translation>
            <numerusform>The deadline rules would act on %n of them now (--apply does).</numerusform>
            <numerusform>The deadline rules would act on %n of them now (--apply does).</numerusform>
        </translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>Import %1</translation>
    </message>
    <message numerus="yes">
        <source>  into the draft: %n grid(s) added or changed</source>
        <translation>
            <numerusform>  into the draft: %n grid added or changed</numerusform>
            <numerusform>  into the draft: %n grids added or changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s) around them</source>
        <translation>
            <numerusform>%n finding around them</numerusform>
            <numerusform>%n findings around them</numerusform>
        </translation>
    </message>
    <message>
        <source>publish the draft to make them an edition.</source>
        <translation>publish the draft to make them an edition.</translation>
    </message>
    <message>
        <source>CRS to export in (default EPSG:4326).</source>
        <translation>CRS to export in (default EPSG:4326).</translation>
    </message>
    <message>
        <source>Replace an existing output file.</source>
        <translation>Replace an existing output file.</translation>
    </message>
    <message>
        <source>How many fine grids to cut.</source>
        <translation>How many fine grids to cut.</translation>
    </message>
    <message>
        <source>Area of each fine grid, in square metres.</source>
        <translation>Area of each fine grid, in square metres.</translation>
    </message>
    <message>
        <source>What a grid edition changes.</source>
        <translation>What a grid edition changes.</translation>
    </message>
    <message>
        <source>export-grids needs a WORKSPACE and an OUT file.</source>
        <translation>export-grids needs a WORKSPACE and an OUT file.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 does not exist.</translation>
    </message>
    <message>
        <source>%1 is the workspace itself; give another file to export to.</source>
        <translation>%1 is the workspace itself; give another file to export to.</translation>
    </message>
    <message>
        <source>%1 has no grids to export.</source>
        <translation>%1 has no grids to export.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n grid(s) written as %2, CRS %3, text in %4</source>
        <extracomment>%1 is a file, %2 a format such as GeoPackage, %3 a coordinate system, %4 UTF-8 or GBK</extracomment>
        <translation>
            <numerusform>%1: %n grid written as %2, CRS %3, text in %4</numerusform>
            <numerusform>%1: %n grids written as %2, CRS %3, text in %4</numerusform>
        </translation>
    </message>
    <message>
        <source>validate needs a WORKSPACE.</source>
        <translation>validate needs a WORKSPACE.</translation>
    </message>
    <message>
        <source> (accepted: %1)</source>
        <translation> (accepted: %1)</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s) to fix</source>
        <translation>
            <numerusform>%n finding to fix</numerusform>
            <numerusform>%n findings to fix</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n accepted</source>
        <translation>
            <numerusform>%n accepted</numerusform>
            <numerusform>%n accepted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n grid(s) checked</source>
        <translation>
            <numerusform>%n grid checked</numerusform>
            <numerusform>%n grids checked</numerusform>
        </translation>
    </message>
    <message>
        <source>subdivide needs a WORKSPACE and a grid CODE.</source>
        <translation>subdivide needs a WORKSPACE and a grid CODE.</translation>
    </message>
    <message>
        <source>subdivide needs either --parts N or --target-area M2.</source>
        <translation>subdivide needs either --parts N or --target-area M2.</translation>
    </message>
    <message>
        <source>--parts must be a whole number from 2 to 10000.</source>
        <translation>--parts must be a whole number from 2 to 10000.</translation>
    </message>
    <message>
        <source>--target-area must be an area in square metres of at least 1.</source>
        <translation>--target-area must be an area in square metres of at least 1.</translation>
    </message>
    <message numerus="yes">
        <source>%1 already has %n fine grid(s) (%2); merge or delete them first.</source>
        <translation>
            <numerusform>%1 already has %n fine grid (%2); merge or delete it first.</numerusform>
            <numerusform>%1 already has %n fine grids (%2); merge or delete them first.</numerusform>
        </translation>
    </message>
    <message>
        <source>Subdivide %1</source>
        <translation>Subdivide %1</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n fine grid(s) drafted, %2 to %3 m² each; publish the draft to make them an edition.</source>
        <translation>
            <numerusform>%1: %n fine grid drafted, %2 to %3 m²; publish the draft to make it an edition.</numerusform>
            <numerusform>%1: %n fine grids drafted, %2 to %3 m² each; publish the draft to make them an edition.</numerusform>
        </translation>
    </message>
    <message>
        <source>publish needs a WORKSPACE.</source>
        <translation>publish needs a WORKSPACE.</translation>
    </message>
    <message>
        <source>say what the edition changes with --note TEXT.</source>
        <translation>say what the edition changes with --note TEXT.</translation>
    </message>
    <message numerus="yes">
        <source>edition %1 published: %n grid(s) changed</source>
        <translation>
            <numerusform>edition %1 published: %n grid changed</numerusform>
            <numerusform>edition %1 published: %n grids changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open case(s) re-homed</source>
        <translation>
            <numerusform>%n open case re-homed</numerusform>
            <numerusform>%n open cases re-homed</numerusform>
        </translation>
    </message>
    <message>
        <source>editions needs a WORKSPACE.</source>
        <translation>editions needs a WORKSPACE.</translation>
    </message>
    <message numerus="yes">
        <source>%n grid(s)</source>
        <translation>
            <numerusform>%n grid</numerusform>
            <numerusform>%n grids</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>draft: %n grid(s) changed</source>
        <translation>
            <numerusform>draft: %n grid changed</numerusform>
            <numerusform>draft: %n grids changed</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 has no grids of this level (%2) to export.</source>
        <translation>%1 has no grids of this level (%2) to export.</translation>
    </message>
    <message>
        <source>%1 is empty: it is not a workspace (yet). Import grids into it first.</source>
        <translation>%1 is empty: it is not a workspace (yet). Import grids into it first.</translation>
    </message>
    <message>
        <source>grid editions are published by a supervisor or a leader of this workspace, and it has none yet; add one with setup import.</source>
        <translation>grid editions are published by a supervisor or a leader of this workspace, and it has none yet; add one with setup import.</translation>
    </message>
    <message>
        <source>grid editions are published by a supervisor or a leader of this workspace; name one with --as: %1.</source>
        <translation>grid editions are published by a supervisor or a leader of this workspace; name one with --as: %1.</translation>
    </message>
    <message>
        <source>%1 is not a base grid (it is a grid of this level: %2); fine grids are cut from base grids.</source>
        <translation>%1 is not a base grid (it is a grid of this level: %2); fine grids are cut from base grids.</translation>
    </message>
    <message>
        <source>%1: %2 added, %3 updated, %4 refused</source>
        <translation>%1: %2 added, %3 updated, %4 refused</translation>
    </message>
    <message>
        <source>  line %1: %2</source>
        <translation>  line %1: %2</translation>
    </message>
    <message>
        <source>import-org needs a WORKSPACE and a FILE.</source>
        <translation>import-org needs a WORKSPACE and a FILE.</translation>
    </message>
    <message>
        <source>org needs a WORKSPACE.</source>
        <translation>org needs a WORKSPACE.</translation>
    </message>
    <message>
        <source>, retired</source>
        <translation>, retired</translation>
    </message>
    <message>
        <source>org-check needs a WORKSPACE.</source>
        <translation>org-check needs a WORKSPACE.</translation>
    </message>
    <message>
        <source>What an org file holds: divisions, csv or boundaries.</source>
        <translation>What an org file holds: divisions, csv or boundaries.</translation>
    </message>
    <message>
        <source>Division code of the subtree to import, or the unit boundaries sit under.</source>
        <translation>Division code of the subtree to import, or the unit boundaries sit under.</translation>
    </message>
    <message>
        <source>Name of the root unit when it is made.</source>
        <translation>Name of the root unit when it is made.</translation>
    </message>
    <message>
        <source>Tier of the units a boundary file makes, 1 to 6.</source>
        <translation>Tier of the units a boundary file makes, 1 to 6.</translation>
    </message>
    <message>
        <source>The unit to move under (blank: the top).</source>
        <translation>The unit to move under (blank: the top).</translation>
    </message>
    <message>
        <source>Export the people.</source>
        <translation>Export the people.</translation>
    </message>
    <message>
        <source>Export the units.</source>
        <translation>Export the units.</translation>
    </message>
    <message>
        <source>The personal number to reveal: phone or id_number.</source>
        <translation>The personal number to reveal: phone or id_number.</translation>
    </message>
    <message>
        <source>  feature %1: %2</source>
        <translation>  feature %1: %2</translation>
    </message>
    <message>
        <source>--format boundaries needs --code-field and --tier (1 to 6).</source>
        <translation>--format boundaries needs --code-field and --tier (1 to 6).</translation>
    </message>
    <message>
        <source>--tier must be a number from 1 to 6.</source>
        <translation>--tier must be a number from 1 to 6.</translation>
    </message>
    <message>
        <source>give the parent with --parent-field or --root-code, not both.</source>
        <translation>give the parent with --parent-field or --root-code, not both.</translation>
    </message>
    <message>
        <source>City supervision centre</source>
        <extracomment>The top unit made for a boundary import; %1 is the city&apos;s name</extracomment>
        <translation>City supervision centre</translation>
    </message>
    <message>
        <source>%1 supervision centre</source>
        <translation>%1 supervision centre</translation>
    </message>
    <message numerus="yes">
        <source>  %n grid code(s) in the units&apos; jurisdictions are not grids of this workspace (yet); import the file as grids with the same code field.</source>
        <translation>
            <numerusform>  %n grid code in the units&apos; jurisdictions is not a grid of this workspace (yet); import the file as grids with the same code field.</numerusform>
            <numerusform>  %n grid codes in the units&apos; jurisdictions are not grids of this workspace (yet); import the file as grids with the same code field.</numerusform>
        </translation>
    </message>
    <message>
        <source>import-org needs --format divisions, csv or boundaries.</source>
        <translation>import-org needs --format divisions, csv or boundaries.</translation>
    </message>
    <message>
        <source>--root-code applies to --format divisions and boundaries only.</source>
        <translation>--root-code applies to --format divisions and boundaries only.</translation>
    </message>
    <message>
        <source>--%1 applies to --format boundaries only.</source>
        <translation>--%1 applies to --format boundaries only.</translation>
    </message>
    <message>
        <source>say who makes the change with --as USER.</source>
        <translation>say who makes the change with --as USER.</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 cannot be written: %2</translation>
    </message>
    <message>
        <source>org-move needs a WORKSPACE, a unit CODE and --parent CODE (blank: to the top).</source>
        <translation>org-move needs a WORKSPACE, a unit CODE and --parent CODE (blank: to the top).</translation>
    </message>
    <message>
        <source>%1 now sits at the top.</source>
        <translation>%1 now sits at the top.</translation>
    </message>
    <message>
        <source>%1 now sits under %2.</source>
        <translation>%1 now sits under %2.</translation>
    </message>
    <message>
        <source>org-merge needs a WORKSPACE, the unit CODE to retire and --into CODE.</source>
        <translation>org-merge needs a WORKSPACE, the unit CODE to retire and --into CODE.</translation>
    </message>
    <message>
        <source>%1 is merged into %2 and retired.</source>
        <translation>%1 is merged into %2 and retired.</translation>
    </message>
    <message>
        <source>org-retire needs a WORKSPACE and a unit CODE.</source>
        <translation>org-retire needs a WORKSPACE and a unit CODE.</translation>
    </message>
    <message>
        <source>%1 is retired.</source>
        <translation>%1 is retired.</translation>
    </message>
    <message>
        <source>org-export needs a WORKSPACE, an OUT.csv and --people or --units.</source>
        <translation>org-export needs a WORKSPACE, an OUT.csv and --people or --units.</translation>
    </message>
    <message>
        <source>%1 exists; add --overwrite to replace it.</source>
        <translation>%1 exists; add --overwrite to replace it.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n person(s), phone and ID numbers masked</source>
        <translation>
            <numerusform>%1: %n person, phone and ID numbers masked</numerusform>
            <numerusform>%1: %n people, phone and ID numbers masked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n unit(s)</source>
        <translation>
            <numerusform>%1: %n unit</numerusform>
            <numerusform>%1: %n units</numerusform>
        </translation>
    </message>
    <message>
        <source>org-history needs a WORKSPACE and, if you like, a CODE.</source>
        <translation>org-history needs a WORKSPACE and, if you like, a CODE.</translation>
    </message>
    <message>
        <source>The chart has no unit %1.</source>
        <translation>The chart has no unit %1.</translation>
    </message>
    <message>
        <source>%1  %2  %3  %4  %5</source>
        <extracomment>One line of the org chart&apos;s history: time, who, action, unit, what changed</extracomment>
        <translation>%1  %2  %3  %4  %5</translation>
    </message>
    <message>
        <source>reveal needs a WORKSPACE and a PERSON_ID (a number).</source>
        <translation>reveal needs a WORKSPACE and a PERSON_ID (a number).</translation>
    </message>
    <message>
        <source>reveal needs --field phone or --field id_number.</source>
        <translation>reveal needs --field phone or --field id_number.</translation>
    </message>
    <message>
        <source>reveal needs --reason TEXT and --as USER, a local user of the workspace.</source>
        <translation>reveal needs --reason TEXT and --as USER, a local user of the workspace.</translation>
    </message>
    <message>
        <source>%1 is not a local user of this workspace.</source>
        <translation>%1 is not a local user of this workspace.</translation>
    </message>
    <message>
        <source>The chart has no person %1.</source>
        <translation>The chart has no person %1.</translation>
    </message>
    <message>
        <source>A standard&apos;s number, such as GB/T 34300-2017.</source>
        <translation>A standard&apos;s number, such as GB/T 34300-2017.</translation>
    </message>
    <message>
        <source>A standard&apos;s title.</source>
        <translation>A standard&apos;s title.</translation>
    </message>
    <message>
        <source>A standard&apos;s status.</source>
        <translation>A standard&apos;s status.</translation>
    </message>
    <message>
        <source>Publication date, YYYY-MM-DD.</source>
        <translation>Publication date, YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>Implementation date, YYYY-MM-DD.</source>
        <translation>Implementation date, YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>A category&apos;s Chinese title.</source>
        <translation>A category&apos;s Chinese title.</translation>
    </message>
    <message>
        <source>A category&apos;s English title.</source>
        <translation>A category&apos;s English title.</translation>
    </message>
    <message>
        <source>A category&apos;s Chinese summary.</source>
        <translation>A category&apos;s Chinese summary.</translation>
    </message>
    <message>
        <source>A category&apos;s English summary.</source>
        <translation>A category&apos;s English summary.</translation>
    </message>
    <message>
        <source>Export the standard detail list.</source>
        <translation>Export the standard detail list.</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>warning: %1</translation>
    </message>
    <message numerus="yes">
        <source>[%n standard(s)]</source>
        <translation>
            <numerusform>[%n standard]</numerusform>
            <numerusform>[%n standards]</numerusform>
        </translation>
    </message>
    <message>
        <source>implemented by: %1</source>
        <translation>implemented by: %1</translation>
    </message>
    <message>
        <source>Sub-systems:</source>
        <translation>Sub-systems:</translation>
    </message>
    <message>
        <source>%1 %2: %3 categories, %4 standards, %5 without a standard, %6 implemented in GridDesk</source>
        <translation>%1 %2: %3 categories, %4 standards, %5 without a standard, %6 implemented in GridDesk</translation>
    </message>
    <message>
        <source>Coverage: %1 categories, %2 without a standard attached.</source>
        <translation>Coverage: %1 categories, %2 without a standard attached.</translation>
    </message>
    <message>
        <source>Implemented by no part of GridDesk (%1): %2</source>
        <translation>Implemented by no part of GridDesk (%1): %2</translation>
    </message>
    <message>
        <source>standards needs a WORKSPACE.</source>
        <translation>standards needs a WORKSPACE.</translation>
    </message>
    <message>
        <source>standards-export needs a WORKSPACE and an OUT.csv or OUT.pdf.</source>
        <translation>standards-export needs a WORKSPACE and an OUT.csv or OUT.pdf.</translation>
    </message>
    <message>
        <source>standards-export writes .csv or .pdf files.</source>
        <translation>standards-export writes .csv or .pdf files.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 could not be written: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: the detail list of %n standard(s)</source>
        <translation>
            <numerusform>%1: the detail list of %n standard</numerusform>
            <numerusform>%1: the detail list of %n standards</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: the system table of %n categories</source>
        <translation>
            <numerusform>%1: the system table of %n category</numerusform>
            <numerusform>%1: the system table of %n categories</numerusform>
        </translation>
    </message>
    <message>
        <source>standards-attach needs a WORKSPACE and a CODE.</source>
        <translation>standards-attach needs a WORKSPACE and a CODE.</translation>
    </message>
    <message>
        <source>standards-attach needs --%1.</source>
        <translation>standards-attach needs --%1.</translation>
    </message>
    <message>
        <source>say who attaches the standard with --as USER.</source>
        <translation>say who attaches the standard with --as USER.</translation>
    </message>
    <message>
        <source>unknown status &quot;%1&quot;; use one of %2.</source>
        <translation>unknown status &quot;%1&quot;; use one of %2.</translation>
    </message>
    <message>
        <source>dates are written YYYY-MM-DD, such as 2017-09-07.</source>
        <translation>dates are written YYYY-MM-DD, such as 2017-09-07.</translation>
    </message>
    <message>
        <source>Attached %1 to %2 as #%3.</source>
        <translation>Attached %1 to %2 as #%3.</translation>
    </message>
    <message>
        <source>standards-detach needs a WORKSPACE and an ID.</source>
        <translation>standards-detach needs a WORKSPACE and an ID.</translation>
    </message>
    <message>
        <source>say who detaches the standard with --as USER.</source>
        <translation>say who detaches the standard with --as USER.</translation>
    </message>
    <message>
        <source>Detached #%1.</source>
        <translation>Detached #%1.</translation>
    </message>
    <message>
        <source>standards-add needs a WORKSPACE and a PARENT_CODE.</source>
        <translation>standards-add needs a WORKSPACE and a PARENT_CODE.</translation>
    </message>
    <message>
        <source>standards-add needs --title-zh and --title-en.</source>
        <translation>standards-add needs --title-zh and --title-en.</translation>
    </message>
    <message>
        <source>standards-remove needs a WORKSPACE and a CODE.</source>
        <translation>standards-remove needs a WORKSPACE and a CODE.</translation>
    </message>
    <message>
        <source>standards-move needs a WORKSPACE, a CODE and --parent CODE.</source>
        <translation>standards-move needs a WORKSPACE, a CODE and --parent CODE.</translation>
    </message>
    <message>
        <source>standards-renumber needs a WORKSPACE, a CODE and the NEW_CODE.</source>
        <translation>standards-renumber needs a WORKSPACE, a CODE and the NEW_CODE.</translation>
    </message>
    <message>
        <source>standards-history needs a WORKSPACE and maybe a CODE.</source>
        <translation>standards-history needs a WORKSPACE and maybe a CODE.</translation>
    </message>
    <message>
        <source>The standards tree has no category %1.</source>
        <translation>The standards tree has no category %1.</translation>
    </message>
    <message>
        <source>--person must be the id of a person of the org chart (see org-export --people).</source>
        <translation>--person must be the id of a person of the org chart (see org-export --people).</translation>
    </message>
    <message>
        <source>Only outbox commands in this state.</source>
        <translation>Only outbox commands in this state.</translation>
    </message>
    <message>
        <source>The sync server, https://HOST:PORT.</source>
        <translation>The sync server, https://HOST:PORT.</translation>
    </message>
    <message>
        <source>The account on the sync server.</source>
        <translation>The account on the sync server.</translation>
    </message>
    <message>
        <source>A file whose first line is the password.</source>
        <translation>A file whose first line is the password.</translation>
    </message>
    <message>
        <source>The city&apos;s CA certificate (PEM) to trust besides the system&apos;s.</source>
        <translation>The city&apos;s CA certificate (PEM) to trust besides the system&apos;s.</translation>
    </message>
    <message>
        <source>say who settles the command with --as USER.</source>
        <translation>say who settles the command with --as USER.</translation>
    </message>
    <message>
        <source>%1 is not a user of this workspace.</source>
        <translation>%1 is not a user of this workspace.</translation>
    </message>
    <message>
        <source>Command %1 was made by %2; only they, a supervisor or a leader settle it.</source>
        <translation>Command %1 was made by %2; only they, a supervisor or a leader settle it.</translation>
    </message>
    <message>
        <source>%1 needs a WORKSPACE and the number of a command in its outbox.</source>
        <translation>%1 needs a WORKSPACE and the number of a command in its outbox.</translation>
    </message>
    <message>
        <source>sync needs a WORKSPACE.</source>
        <translation>sync needs a WORKSPACE.</translation>
    </message>
    <message>
        <source>sync needs --server https://HOST:PORT and --user USER.</source>
        <translation>sync needs --server https://HOST:PORT and --user USER.</translation>
    </message>
    <message>
        <source>--server must be https://HOST:PORT, not &quot;%1&quot;; GridDesk syncs over HTTPS only.</source>
        <translation>--server must be https://HOST:PORT, not &quot;%1&quot;; GridDesk syncs over HTTPS only.</translation>
    </message>
    <message>
        <source>%1 syncs with %2; its cases and cursor belong to that server, not to %3.</source>
        <translation>%1 syncs with %2; its cases and cursor belong to that server, not to %3.</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>Password for %1: </translation>
    </message>
    <message>
        <source>Sent %1 command(s) to %2: %3 applied, %4 rejected.</source>
        <translation>Sent %1 command(s) to %2: %3 applied, %4 rejected.</translation>
    </message>
    <message>
        <source>rejected %1 (%2): %3</source>
        <translation>rejected %1 (%2): %3</translation>
    </message>
    <message>
        <source>Received %1 new and %2 changed case(s); %3 event(s) of this desk set aside for the server&apos;s.</source>
        <translation>Received %1 new and %2 changed case(s); %3 event(s) of this desk set aside for the server&apos;s.</translation>
    </message>
    <message>
        <source>outbox needs a WORKSPACE.</source>
        <translation>outbox needs a WORKSPACE.</translation>
    </message>
    <message>
        <source>--state is one of queued, sent, applied, rejected, discarded, redone.</source>
        <translation>--state is one of queued, sent, applied, rejected, discarded, redone.</translation>
    </message>
    <message>
        <source>Command %1 discarded.</source>
        <translation>Command %1 discarded.</translation>
    </message>
    <message>
        <source>Command %1 made again on case %2 at version %3; it waits for the next sync.</source>
        <translation>Command %1 made again on case %2 at version %3; it waits for the next sync.</translation>
    </message>
    <message>
        <source>%1 syncs with %2, whose server runs the deadline rules for every desk; they are not applied here.</source>
        <translation>%1 syncs with %2, whose server runs the deadline rules for every desk; they are not applied here.</translation>
    </message>
    <message>
        <source>What an evaluation report groups cases by.</source>
        <translation>What an evaluation report groups cases by.</translation>
    </message>
    <message>
        <source>Write the evaluation report as CSV to this file.</source>
        <translation>Write the evaluation report as CSV to this file.</translation>
    </message>
    <message>
        <source>Write the evaluation report as PDF to this file.</source>
        <translation>Write the evaluation report as PDF to this file.</translation>
    </message>
    <message>
        <source>An evaluation weight, INDICATOR=WEIGHT; repeat for several.</source>
        <translation>An evaluation weight, INDICATOR=WEIGHT; repeat for several.</translation>
    </message>
    <message>
        <source>Cases a unit needs to be ranked.</source>
        <translation>Cases a unit needs to be ranked.</translation>
    </message>
    <message>
        <source>unknown grouping &quot;%1&quot; for --by; use one of %2 (periods go with --period %3).</source>
        <translation>unknown grouping &quot;%1&quot; for --by; use one of %2 (periods go with --period %3).</translation>
    </message>
    <message>
        <source>unknown period &quot;%1&quot; for --period; use one of %2.</source>
        <translation>unknown period &quot;%1&quot; for --period; use one of %2.</translation>
    </message>
    <message numerus="yes">
        <source>%1: mean %2 h, median %3 h over %n stage(s)</source>
        <translation>
            <numerusform>%1: mean %2 h, median %3 h over %n stage</numerusform>
            <numerusform>%1: mean %2 h, median %3 h over %n stages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 %2 (%n case(s))</source>
        <translation>
            <numerusform>%1 %2 (%n case)</numerusform>
            <numerusform>%1 %2 (%n cases)</numerusform>
        </translation>
    </message>
    <message>
        <source>Jurisdiction: %1</source>
        <translation>Jurisdiction: %1</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>All cases</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Unit ranking (rank, score, unit):</source>
        <translation>Unit ranking (rank, score, unit):</translation>
    </message>
    <message>
        <source>Not ranked (fewer than %1 cases or nothing to score):</source>
        <translation>Not ranked (fewer than %1 cases or nothing to score):</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <source>choose one of --json, --csv and --pdf.</source>
        <translation>choose one of --json, --csv and --pdf.</translation>
    </message>
    <message>
        <source>%1 cannot be written: the folder %2 does not exist or is not writable.</source>
        <translation>%1 cannot be written: the folder %2 does not exist or is not writable.</translation>
    </message>
    <message>
        <source>evaluation needs a WORKSPACE.</source>
        <translation>evaluation needs a WORKSPACE.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n case(s); %2</source>
        <translation>
            <numerusform>%1: %n case; %2</numerusform>
            <numerusform>%1: %n cases; %2</numerusform>
        </translation>
    </message>
    <message>
        <source>evaluation-weights needs a WORKSPACE.</source>
        <translation>evaluation-weights needs a WORKSPACE.</translation>
    </message>
    <message>
        <source>--set needs INDICATOR=WEIGHT, such as closure_rate=30, not &quot;%1&quot;.</source>
        <translation>--set needs INDICATOR=WEIGHT, such as closure_rate=30, not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>--minimum-cases must be a whole number of at least 1, not &quot;%1&quot;.</source>
        <translation>--minimum-cases must be a whole number of at least 1, not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>%1 (%2, clause %3): %4</source>
        <translation>%1 (%2, clause %3): %4</translation>
    </message>
    <message numerus="yes">
        <source>Units are ranked from %n case(s).</source>
        <translation>
            <numerusform>Units are ranked from %n case.</numerusform>
            <numerusform>Units are ranked from %n cases.</numerusform>
        </translation>
    </message>
    <message>
        <source>the draft is queued for %1 (command %2), which publishes it once its topology checks pass; run sync to send it.</source>
        <translation>the draft is queued for %1 (command %2), which publishes it once its topology checks pass; run sync to send it.</translation>
    </message>
    <message numerus="yes">
        <source>Took in %n grid edition(s) published on the server.</source>
        <translation>
            <numerusform>Took in %n grid edition published on the server.</numerusform>
            <numerusform>Took in %n grid editions published on the server.</numerusform>
        </translation>
    </message>
    <message>
        <source>report records a new case; the evaluation report is &quot;griddesk-cli evaluation WORKSPACE&quot;.</source>
        <translation>report records a new case; the evaluation report is &quot;griddesk-cli evaluation WORKSPACE&quot;.</translation>
    </message>
    <message numerus="yes">
        <source>Fetched the files of %n attachment(s).</source>
        <translation>
            <numerusform>Fetched the file of %n attachment.</numerusform>
            <numerusform>Fetched the files of %n attachments.</numerusform>
        </translation>
    </message>
    <message>
        <source>Who handles a dispatched case, or who checked a case on site: a person id of the org chart. For patrols: who patrolled, or whom a patrol plan names, by name (a user or a person of the org chart).</source>
        <translation>Who handles a dispatched case, or who checked a case on site: a person id of the org chart. For patrols: who patrolled, or whom a patrol plan names, by name (a user or a person of the org chart).</translation>
    </message>
    <message>
        <source>How far a patroller sees to each side of the track, in metres (default 30).</source>
        <translation>How far a patroller sees to each side of the track, in metres (default 30).</translation>
    </message>
    <message>
        <source>What a patrol plan has checked.</source>
        <translation>What a patrol plan has checked.</translation>
    </message>
    <message>
        <source>Patrols a plan asks for in each period.</source>
        <translation>Patrols a plan asks for in each period.</translation>
    </message>
    <message>
        <source>The period of a patrol plan: day, week or month.</source>
        <translation>The period of a patrol plan: day, week or month.</translation>
    </message>
    <message>
        <source>The post whose holders a patrol plan names.</source>
        <translation>The post whose holders a patrol plan names.</translation>
    </message>
    <message>
        <source>The share of the grid (0 to 1) a patrol must see to count for a plan.</source>
        <translation>The share of the grid (0 to 1) a patrol must see to count for a plan.</translation>
    </message>
    <message>
        <source>Group an evaluation report per day, week, month or quarter.</source>
        <translation>Group an evaluation report per day, week, month or quarter.</translation>
    </message>
    <message>
        <source>Report on the last whole week, month or quarter (a periodic report).</source>
        <translation>Report on the last whole week, month or quarter (a periodic report).</translation>
    </message>
    <message>
        <source>With --last: the day the periodic report is made on (default today).</source>
        <translation>With --last: the day the periodic report is made on (default today).</translation>
    </message>
    <message>
        <source>The kind of register entries.</source>
        <translation>The kind of register entries.</translation>
    </message>
    <message>
        <source>A JSON file mapping source fields to register fields.</source>
        <translation>A JSON file mapping source fields to register fields.</translation>
    </message>
    <message>
        <source>Report what an import would do, write nothing.</source>
        <translation>Report what an import would do, write nothing.</translation>
    </message>
    <message>
        <source>Import the rest when features are refused.</source>
        <translation>Import the rest when features are refused.</translation>
    </message>
    <message>
        <source>Only the register entry with this code.</source>
        <translation>Only the register entry with this code.</translation>
    </message>
    <message>
        <source>Count register entries per kind.</source>
        <translation>Count register entries per kind.</translation>
    </message>
    <message>
        <source>Register entries near this point, nearest first.</source>
        <translation>Register entries near this point, nearest first.</translation>
    </message>
    <message>
        <source>How near, in metres (default 50).</source>
        <translation>How near, in metres (default 50).</translation>
    </message>
    <message>
        <source>Show personal data unmasked; the reveal is recorded.</source>
        <translation>Show personal data unmasked; the reveal is recorded.</translation>
    </message>
    <message>
        <source>The type of a register field.</source>
        <translation>The type of a register field.</translation>
    </message>
    <message>
        <source>The class of personal data a register field holds.</source>
        <translation>The class of personal data a register field holds.</translation>
    </message>
    <message>
        <source>Entries with the same value in this field are duplicates.</source>
        <translation>Entries with the same value in this field are duplicates.</translation>
    </message>
    <message>
        <source>--last takes the place of --from and --to; give one or the other.</source>
        <translation>--last takes the place of --from and --to; give one or the other.</translation>
    </message>
    <message>
        <source>unknown period &quot;%1&quot; for --last; use one of %2.</source>
        <translation>unknown period &quot;%1&quot; for --last; use one of %2.</translation>
    </message>
    <message>
        <source>--on goes with --last.</source>
        <translation>--on goes with --last.</translation>
    </message>
    <message>
        <source>{period} in %1 names the period of --last; add --last.</source>
        <translation>{period} in %1 names the period of --last; add --last.</translation>
    </message>
    <message>
        <source>The chart goes to the server with the next sync.</source>
        <translation>The chart goes to the server with the next sync.</translation>
    </message>
    <message>
        <source>grid %1: %2 seen (%3 of %4 m²)</source>
        <translation>grid %1: %2 seen (%3 of %4 m²)</translation>
    </message>
    <message numerus="yes">
        <source>Patrol track %1 by %2 (%3): %n fix(es) from %4 to %5, %6 m, seeing %7 m to each side</source>
        <translation>
            <numerusform>Patrol track %1 by %2 (%3): %n fix from %4 to %5, %6 m, seeing %7 m to each side</numerusform>
            <numerusform>Patrol track %1 by %2 (%3): %n fixes from %4 to %5, %6 m, seeing %7 m to each side</numerusform>
        </translation>
    </message>
    <message>
        <source>not judged: the period holds no whole %1</source>
        <translation>not judged: the period holds no whole %1</translation>
    </message>
    <message numerus="yes">
        <source>met in all %n period(s)</source>
        <translation>
            <numerusform>met in the %n period</numerusform>
            <numerusform>met in all %n periods</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>NOT met: %1 of %n period(s) had enough patrols</source>
        <translation>
            <numerusform>NOT met: %1 of %n period had enough patrols</numerusform>
            <numerusform>NOT met: %1 of %n periods had enough patrols</numerusform>
        </translation>
    </message>
    <message>
        <source>No patrol track matches.</source>
        <translation>No patrol track matches.</translation>
    </message>
    <message>
        <source>case %1 found: reported by %2 at %3, %4 m from the path</source>
        <translation>case %1 found: reported by %2 at %3, %4 m from the path</translation>
    </message>
    <message>
        <source>Patrol plans from %1 to %2:</source>
        <translation>Patrol plans from %1 to %2:</translation>
    </message>
    <message>
        <source>%1. grid %2, %3 (%4): %5</source>
        <translation>%1. grid %2, %3 (%4): %5</translation>
    </message>
    <message>
        <source>--from %1 lies after --to %2.</source>
        <translation>--from %1 lies after --to %2.</translation>
    </message>
    <message>
        <source>--times takes a whole number, not &quot;%1&quot;.</source>
        <translation>--times takes a whole number, not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>unknown period &quot;%1&quot; for --per; use one of %2.</source>
        <translation>unknown period &quot;%1&quot; for --per; use one of %2.</translation>
    </message>
    <message>
        <source>--min-share takes a number from 0 to 1, not &quot;%1&quot;.</source>
        <translation>--min-share takes a number from 0 to 1, not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>No patrol plan.</source>
        <translation>No patrol plan.</translation>
    </message>
    <message>
        <source>%1. grid %2, %3: %4</source>
        <translation>%1. grid %2, %3: %4</translation>
    </message>
    <message>
        <source>patrol-import needs a WORKSPACE and a FILE.</source>
        <translation>patrol-import needs a WORKSPACE and a FILE.</translation>
    </message>
    <message>
        <source>patrol-import needs --person, who patrolled.</source>
        <translation>patrol-import needs --person, who patrolled.</translation>
    </message>
    <message>
        <source>--sight takes a distance in metres above 0, not &quot;%1&quot;.</source>
        <translation>--sight takes a distance in metres above 0, not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>patrols needs a WORKSPACE.</source>
        <translation>patrols needs a WORKSPACE.</translation>
    </message>
    <message>
        <source>patrol-plan %1 takes no further argument.</source>
        <translation>patrol-plan %1 takes no further argument.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is no plan ID.</source>
        <translation>&quot;%1&quot; is no plan ID.</translation>
    </message>
    <message>
        <source>Patrol plan %1 removed.</source>
        <translation>Patrol plan %1 removed.</translation>
    </message>
    <message>
        <source>Patrol plan %1 added: grid %2, %3.</source>
        <translation>Patrol plan %1 added: grid %2, %3.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n feature(s) as %2</source>
        <translation>
            <numerusform>%1: %n feature as %2</numerusform>
            <numerusform>%1: %n features as %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 created, %2 updated, %3 unchanged, %4 refused</source>
        <translation>%1 created, %2 updated, %3 unchanged, %4 refused</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) lie outside every grid</source>
        <translation>
            <numerusform>%n entry lies outside every grid</numerusform>
            <numerusform>%n entries lie outside every grid</numerusform>
        </translation>
    </message>
    <message>
        <source>feature %1 refused: %2</source>
        <translation>feature %1 refused: %2</translation>
    </message>
    <message>
        <source>Dry run: nothing was written.</source>
        <translation>Dry run: nothing was written.</translation>
    </message>
    <message>
        <source>import-register needs a WORKSPACE and a FILE.</source>
        <translation>import-register needs a WORKSPACE and a FILE.</translation>
    </message>
    <message>
        <source>import-register needs --kind KIND.</source>
        <translation>import-register needs --kind KIND.</translation>
    </message>
    <message>
        <source>unknown kind &quot;%1&quot;; use one of %2.</source>
        <translation>unknown kind &quot;%1&quot;; use one of %2.</translation>
    </message>
    <message>
        <source>command line</source>
        <translation>command line</translation>
    </message>
    <message numerus="yes">
        <source>nothing was imported: %n feature(s) refused. Correct the file or the mapping, or import the rest with --skip-refused.</source>
        <translation>
            <numerusform>nothing was imported: %n feature refused. Correct the file or the mapping, or import the rest with --skip-refused.</numerusform>
            <numerusform>nothing was imported: %n features refused. Correct the file or the mapping, or import the rest with --skip-refused.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 entries, %3 stale</source>
        <translation>%1: %2 entries, %3 stale</translation>
    </message>
    <message>
        <source>register needs a WORKSPACE.</source>
        <translation>register needs a WORKSPACE.</translation>
    </message>
    <message>
        <source>--reveal needs --as USER and --reason TEXT.</source>
        <translation>--reveal needs --as USER and --reason TEXT.</translation>
    </message>
    <message>
        <source>--at takes a date or an ISO date and time.</source>
        <translation>--at takes a date or an ISO date and time.</translation>
    </message>
    <message>
        <source>--near takes LON,LAT and --within metres.</source>
        <translation>--near takes LON,LAT and --within metres.</translation>
    </message>
    <message>
        <source>register-history needs a WORKSPACE and a CODE.</source>
        <translation>register-history needs a WORKSPACE and a CODE.</translation>
    </message>
    <message>
        <source>The register has no entry %1.</source>
        <translation>The register has no entry %1.</translation>
    </message>
    <message>
        <source>register-verify needs a WORKSPACE, a CODE and --as USER.</source>
        <translation>register-verify needs a WORKSPACE, a CODE and --as USER.</translation>
    </message>
    <message>
        <source>%1 verified by %2 at %3</source>
        <translation>%1 verified by %2 at %3</translation>
    </message>
    <message>
        <source>register-merge needs a WORKSPACE, the CODE of the duplicate, --into CODE and --as USER.</source>
        <translation>register-merge needs a WORKSPACE, the CODE of the duplicate, --into CODE and --as USER.</translation>
    </message>
    <message>
        <source>%1 merged into %2; both histories are kept.</source>
        <translation>%1 merged into %2; both histories are kept.</translation>
    </message>
    <message>
        <source>register-field needs a WORKSPACE, a KIND and a KEY.</source>
        <translation>register-field needs a WORKSPACE, a KIND and a KEY.</translation>
    </message>
    <message>
        <source>--type is one of text, integer, number, date.</source>
        <translation>--type is one of text, integer, number, date.</translation>
    </message>
    <message>
        <source>--personal is one of name, id_number, phone, address.</source>
        <translation>--personal is one of name, id_number, phone, address.</translation>
    </message>
    <message>
        <source>%1 entries now have the field %2.</source>
        <translation>%1 entries now have the field %2.</translation>
    </message>
    <message>
        <source>Took in revision %1 of the server&apos;s org chart.</source>
        <translation>Took in revision %1 of the server&apos;s org chart.</translation>
    </message>
    <message>
        <source>A register entry the case concerns; repeat for several.</source>
        <translation>A register entry the case concerns; repeat for several.</translation>
    </message>
    <message>
        <source>The register entry of the person who reported the case.</source>
        <translation>The register entry of the person who reported the case.</translation>
    </message>
    <message>
        <source>Remove the link instead of making it.</source>
        <translation>Remove the link instead of making it.</translation>
    </message>
    <message>
        <source>Register entries whose name or address begins with this.</source>
        <translation>Register entries whose name or address begins with this.</translation>
    </message>
    <message>
        <source>What the entry is to the case: concerns (default) or reporter.</source>
        <translation>What the entry is to the case: concerns (default) or reporter.</translation>
    </message>
    <message>
        <source>register-entry needs a WORKSPACE and a CODE.</source>
        <translation>register-entry needs a WORKSPACE and a CODE.</translation>
    </message>
    <message>
        <source>%1 (%2 %3) has no cases.</source>
        <translation>%1 (%2 %3) has no cases.</translation>
    </message>
    <message>
        <source>  linked to %1 (%2)</source>
        <translation>  linked to %1 (%2)</translation>
    </message>
    <message>
        <source>a case is linked to register entries with &quot;case-link&quot;, which keeps the link beside the case&apos;s history.</source>
        <translation>a case is linked to register entries with &quot;case-link&quot;, which keeps the link beside the case&apos;s history.</translation>
    </message>
    <message>
        <source>case-link needs a WORKSPACE, a case ID and a register entry CODE.</source>
        <translation>case-link needs a WORKSPACE, a case ID and a register entry CODE.</translation>
    </message>
    <message>
        <source>--link-role takes concerns or reporter.</source>
        <translation>--link-role takes concerns or reporter.</translation>
    </message>
    <message>
        <source>Case %1 is no longer linked to %2.</source>
        <translation>Case %1 is no longer linked to %2.</translation>
    </message>
    <message>
        <source>Case %1 is linked to %2.</source>
        <translation>Case %1 is linked to %2.</translation>
    </message>
    <message>
        <source>There is no patrol plan %1.</source>
        <translation>There is no patrol plan %1.</translation>
    </message>
    <message>
        <source>Patrol plan %1 changed: grid %2, %3.</source>
        <translation>Patrol plan %1 changed: grid %2, %3.</translation>
    </message>
    <message>
        <source>patrol-plan needs a WORKSPACE and add, list, edit or remove.</source>
        <translation>patrol-plan needs a WORKSPACE and add, list, edit or remove.</translation>
    </message>
    <message>
        <source>patrol-plan %1 needs the plan&apos;s ID.</source>
        <translation>patrol-plan %1 needs the plan&apos;s ID.</translation>
    </message>
    <message>
        <source>unknown patrol-plan action &quot;%1&quot;; use add, list, edit or remove.</source>
        <translation>unknown patrol-plan action &quot;%1&quot;; use add, list, edit or remove.</translation>
    </message>
    <message>
        <source>Usage:
  griddesk-cli import-grids WORKSPACE FILE --level LEVEL [--layer L] [--code-field F]
      [--name-field F] [--parent-field F] [--source-crs CRS|gcj02] [--encoding ENC]
      [--repair-invalid]
  griddesk-cli import-cases WORKSPACE FILE [--profile auto|nyc311|la311]
  griddesk-cli grids WORKSPACE [--level LEVEL] --json
  griddesk-cli cases WORKSPACE [--grid CODE] --json
  griddesk-cli render WORKSPACE OUT.png [--size WxH] [--bbox W,S,E,N]
  griddesk-cli export-grids WORKSPACE OUT.gpkg|.shp|.geojson|.json|.kml [--level LEVEL]
      [--crs CRS] [--encoding UTF-8|GBK] [--overwrite]

The closed loop:
  griddesk-cli report WORKSPACE --as USER --category C [--descriptor D] [--address A]
      [--lon X --lat Y] [--channel CH] [--entry CODE]… [--reporter CODE] [--at TIME]
      [--json]   (the entries offered: register WORKSPACE --near LON,LAT --address A)
  griddesk-cli case-link WORKSPACE ID CODE --as USER [--link-role concerns|reporter]
      [--remove] [--json]
  griddesk-cli case WORKSPACE ID [--as USER --reveal --reason TEXT] [--json]
      (the reporter&apos;s contact masked unless revealed by a leader or administrator)
  griddesk-cli act WORKSPACE ID ACTION --as USER [--role ROLE] [--unit U] [--co-unit U]…
      [--reason R] [--result TEXT] [--satisfaction 1-5] [--limit 2d] [--promised TIME]
      [--into ID] [--person ID] [--file PATH] [--based-on VERSION] [--at TIME]
      [--json]
  griddesk-cli deadlines WORKSPACE [--apply] [--at TIME] [--json]
  griddesk-cli rules WORKSPACE list|export|import FILE|dry-run [--rules FILE]
      [--from DATE] [--to DATE] [--json]
  griddesk-cli setup WORKSPACE export|import FILE
  griddesk-cli calendar WORKSPACE export [--year YEAR] | import FILE.csv

Evaluation (the cases reported from --from to --to, as USER may see them):
  griddesk-cli evaluation WORKSPACE [--from DATE --to DATE | --last week|month|quarter]
      [--on DATE] [--by unit|grid|category|source] [--period day|week|month|quarter]
      [--as USER] [--json | --csv OUT.csv | --pdf OUT.pdf] [--overwrite]
      (--last: the whole period before the one --on, or today, falls in; {period} in
      OUT becomes its key: 2026-11, 2026-W48, 2026-Q4)
  griddesk-cli evaluation-weights WORKSPACE [--set INDICATOR=WEIGHT]…
      [--minimum-cases N] [--json]

Patrols (tracks from GPX or NMEA logs, the grids they saw, the cases found on them):
  griddesk-cli patrol-import WORKSPACE FILE --person USER [--sight METRES] [--json]
  griddesk-cli patrols WORKSPACE [--grid CODE] [--from DATE --to DATE] [--json]
  griddesk-cli patrol-plan WORKSPACE add --grid CODE --tasks TEXT --times N
      --per day|week|month (--person NAME | --post POST) [--min-share 0-1] [--json]
  griddesk-cli patrol-plan WORKSPACE edit ID [--grid CODE] [--tasks TEXT] [--times N]
      [--per day|week|month] [--person NAME | --post POST] [--min-share 0-1] [--json]
  griddesk-cli patrol-plan WORKSPACE list [--grid CODE] [--json] | remove ID

The grid map:
  griddesk-cli validate WORKSPACE [--level LEVEL] [--json]   (exit 1 on open findings)
  griddesk-cli subdivide WORKSPACE CODE --parts N | --target-area M2
  griddesk-cli publish WORKSPACE --as USER --note TEXT
  griddesk-cli editions WORKSPACE [--json]

The organisation:
  griddesk-cli import-org WORKSPACE FILE --format divisions|csv [--root-code CODE]
  griddesk-cli import-org WORKSPACE FILE --format boundaries --code-field F --tier N
      [--name-field F] [--parent-field F|F/N|left(F,N) | --root-code CODE
      [--root-name NAME]] [--layer L] [--encoding ENC] [--as USER]
  griddesk-cli org WORKSPACE [--json]
  griddesk-cli org-check WORKSPACE [--json]   (exit 1 on findings)
  griddesk-cli org-move WORKSPACE CODE --parent CODE (blank: to the top) [--as USER]
  griddesk-cli org-merge WORKSPACE CODE --into CODE [--as USER]
  griddesk-cli org-retire WORKSPACE CODE [--as USER]
  griddesk-cli org-export WORKSPACE OUT.csv --people|--units [--overwrite]
  griddesk-cli org-history WORKSPACE [CODE] [--json]
  griddesk-cli reveal WORKSPACE PERSON_ID --field phone|id_number --reason TEXT
      --as USER

The standards tree:
  griddesk-cli standards WORKSPACE [--json]
  griddesk-cli standards-export WORKSPACE OUT.csv|OUT.pdf [--detail] [--overwrite]
  griddesk-cli standards-attach WORKSPACE CODE --number N --title T --level L
      --status S [--published DATE] [--implemented DATE] [--file PATH] --as USER
  griddesk-cli standards-detach WORKSPACE ID --as USER
  griddesk-cli standards-add WORKSPACE PARENT_CODE --title-zh T --title-en T
      [--summary-zh S] [--summary-en S] --as USER
  griddesk-cli standards-remove WORKSPACE CODE --as USER
  griddesk-cli standards-move WORKSPACE CODE --parent CODE --as USER
  griddesk-cli standards-renumber WORKSPACE CODE NEW_CODE --as USER
  griddesk-cli standards-history WORKSPACE [CODE] [--json]
  (standard levels: national, industry, local, group, internal; statuses: in_force,
  draft, revised, withdrawn)

The grid register (kinds: person, place, thing, event, situation, organisation):
  griddesk-cli import-register WORKSPACE FILE --kind KIND [--mapping FILE]
      [--layer L] [--encoding UTF-8|GBK|Big5] [--source-crs EPSG:N]
      [--dry-run] [--skip-refused] [--as USER] [--json]
  griddesk-cli register WORKSPACE [--grid CODE] [--kind KIND] [--code CODE]
      [--stale [--stale-days N] [--at TIME]] [--counts] [--near LON,LAT [--within M]]
      [--address A] [--search TEXT]   (names and addresses beginning with TEXT)
      [--as USER [--reveal --reason TEXT]] [--json]
      (--stale: the entries due a visit, grid by grid; --stale-days: one period for
      every kind instead of each kind&apos;s own)
      (personal data masked unless revealed by a leader or administrator)
  griddesk-cli register-entry WORKSPACE CODE [--json]   (the entry and its cases)
  griddesk-cli register-history WORKSPACE CODE [--json]
  griddesk-cli register-verify WORKSPACE CODE --as USER [--at TIME]
  griddesk-cli register-merge WORKSPACE CODE --into CODE --as USER
  griddesk-cli register-field WORKSPACE KIND KEY [--type text|integer|number|date]
      [--personal name|id_number|phone|address] [--identifying] [--title T]
      [--title-zh T]

Sync with the central server (griddesk-server):
  griddesk-cli sync WORKSPACE --server https://HOST:PORT --user USER
      [--password-file F] [--ca FILE] [--json]   (exit 1 when refused or unreachable)
  griddesk-cli outbox WORKSPACE [--state S] [--json]
  griddesk-cli outbox-redo WORKSPACE ID --as USER
  griddesk-cli outbox-discard WORKSPACE ID --as USER
  (states: queued, sent, applied, rejected, discarded, redone)

Actions: %2.
Roles: %3.

The workspace (a GeoPackage file) is created when it does not exist.
Levels: %1.
</source>
        <translation>Usage:
  griddesk-cli import-grids WORKSPACE FILE --level LEVEL [--layer L] [--code-field F]
      [--name-field F] [--parent-field F] [--source-crs CRS|gcj02] [--encoding ENC]
      [--repair-invalid]
  griddesk-cli import-cases WORKSPACE FILE [--profile auto|nyc311|la311]
  griddesk-cli grids WORKSPACE [--level LEVEL] --json
  griddesk-cli cases WORKSPACE [--grid CODE] --json
  griddesk-cli render WORKSPACE OUT.png [--size WxH] [--bbox W,S,E,N]
  griddesk-cli export-grids WORKSPACE OUT.gpkg|.shp|.geojson|.json|.kml [--level LEVEL]
      [--crs CRS] [--encoding UTF-8|GBK] [--overwrite]

The closed loop:
  griddesk-cli report WORKSPACE --as USER --category C [--descriptor D] [--address A]
      [--lon X --lat Y] [--channel CH] [--entry CODE]… [--reporter CODE] [--at TIME]
      [--json]   (the entries offered: register WORKSPACE --near LON,LAT --address A)
  griddesk-cli case-link WORKSPACE ID CODE --as USER [--link-role concerns|reporter]
      [--remove] [--json]
  griddesk-cli case WORKSPACE ID [--as USER --reveal --reason TEXT] [--json]
      (the reporter&apos;s contact masked unless revealed by a leader or administrator)
  griddesk-cli act WORKSPACE ID ACTION --as USER [--role ROLE] [--unit U] [--co-unit U]…
      [--reason R] [--result TEXT] [--satisfaction 1-5] [--limit 2d] [--promised TIME]
      [--into ID] [--person ID] [--file PATH] [--based-on VERSION] [--at TIME]
      [--json]
  griddesk-cli deadlines WORKSPACE [--apply] [--at TIME] [--json]
  griddesk-cli rules WORKSPACE list|export|import FILE|dry-run [--rules FILE]
      [--from DATE] [--to DATE] [--json]
  griddesk-cli setup WORKSPACE export|import FILE
  griddesk-cli calendar WORKSPACE export [--year YEAR] | import FILE.csv

Evaluation (the cases reported from --from to --to, as USER may see them):
  griddesk-cli evaluation WORKSPACE [--from DATE --to DATE | --last week|month|quarter]
      [--on DATE] [--by unit|grid|category|source] [--period day|week|month|quarter]
      [--as USER] [--json | --csv OUT.csv | --pdf OUT.pdf] [--overwrite]
      (--last: the whole period before the one --on, or today, falls in; {period} in
      OUT becomes its key: 2026-11, 2026-W48, 2026-Q4)
  griddesk-cli evaluation-weights WORKSPACE [--set INDICATOR=WEIGHT]…
      [--minimum-cases N] [--json]

Patrols (tracks from GPX or NMEA logs, the grids they saw, the cases found on them):
  griddesk-cli patrol-import WORKSPACE FILE --person USER [--sight METRES] [--json]
  griddesk-cli patrols WORKSPACE [--grid CODE] [--from DATE --to DATE] [--json]
  griddesk-cli patrol-plan WORKSPACE add --grid CODE --tasks TEXT --times N
      --per day|week|month (--person NAME | --post POST) [--min-share 0-1] [--json]
  griddesk-cli patrol-plan WORKSPACE edit ID [--grid CODE] [--tasks TEXT] [--times N]
      [--per day|week|month] [--person NAME | --post POST] [--min-share 0-1] [--json]
  griddesk-cli patrol-plan WORKSPACE list [--grid CODE] [--json] | remove ID

The grid map:
  griddesk-cli validate WORKSPACE [--level LEVEL] [--json]   (exit 1 on open findings)
  griddesk-cli subdivide WORKSPACE CODE --parts N | --target-area M2
  griddesk-cli publish WORKSPACE --as USER --note TEXT
  griddesk-cli editions WORKSPACE [--json]

The organisation:
  griddesk-cli import-org WORKSPACE FILE --format divisions|csv [--root-code CODE]
  griddesk-cli import-org WORKSPACE FILE --format boundaries --code-field F --tier N
      [--name-field F] [--parent-field F|F/N|left(F,N) | --root-code CODE
      [--root-name NAME]] [--layer L] [--encoding ENC] [--as USER]
  griddesk-cli org WORKSPACE [--json]
  griddesk-cli org-check WORKSPACE [--json]   (exit 1 on findings)
  griddesk-cli org-move WORKSPACE CODE --parent CODE (blank: to the top) [--as USER]
  griddesk-cli org-merge WORKSPACE CODE --into CODE [--as USER]
  griddesk-cli org-retire WORKSPACE CODE [--as USER]
  griddesk-cli org-export WORKSPACE OUT.csv --people|--units [--overwrite]
  griddesk-cli org-history WORKSPACE [CODE] [--json]
  griddesk-cli reveal WORKSPACE PERSON_ID --field phone|id_number --reason TEXT
      --as USER

The standards tree:
  griddesk-cli standards WORKSPACE [--json]
  griddesk-cli standards-export WORKSPACE OUT.csv|OUT.pdf [--detail] [--overwrite]
  griddesk-cli standards-attach WORKSPACE CODE --number N --title T --level L
      --status S [--published DATE] [--implemented DATE] [--file PATH] --as USER
  griddesk-cli standards-detach WORKSPACE ID --as USER
  griddesk-cli standards-add WORKSPACE PARENT_CODE --title-zh T --title-en T
      [--summary-zh S] [--summary-en S] --as USER
  griddesk-cli standards-remove WORKSPACE CODE --as USER
  griddesk-cli standards-move WORKSPACE CODE --parent CODE --as USER
  griddesk-cli standards-renumber WORKSPACE CODE NEW_CODE --as USER
  griddesk-cli standards-history WORKSPACE [CODE] [--json]
  (standard levels: national, industry, local, group, internal; statuses: in_force,
  draft, revised, withdrawn)

The grid register (kinds: person, place, thing, event, situation, organisation):
  griddesk-cli import-register WORKSPACE FILE --kind KIND [--mapping FILE]
      [--layer L] [--encoding UTF-8|GBK|Big5] [--source-crs EPSG:N]
      [--dry-run] [--skip-refused] [--as USER] [--json]
  griddesk-cli register WORKSPACE [--grid CODE] [--kind KIND] [--code CODE]
      [--stale [--stale-days N] [--at TIME]] [--counts] [--near LON,LAT [--within M]]
      [--address A] [--search TEXT]   (names and addresses beginning with TEXT)
      [--as USER [--reveal --reason TEXT]] [--json]
      (--stale: the entries due a visit, grid by grid; --stale-days: one period for
      every kind instead of each kind&apos;s own)
      (personal data masked unless revealed by a leader or administrator)
  griddesk-cli register-entry WORKSPACE CODE [--json]   (the entry and its cases)
  griddesk-cli register-history WORKSPACE CODE [--json]
  griddesk-cli register-verify WORKSPACE CODE --as USER [--at TIME]
  griddesk-cli register-merge WORKSPACE CODE --into CODE --as USER
  griddesk-cli register-field WORKSPACE KIND KEY [--type text|integer|number|date]
      [--personal name|id_number|phone|address] [--identifying] [--title T]
      [--title-zh T]

Sync with the central server (griddesk-server):
  griddesk-cli sync WORKSPACE --server https://HOST:PORT --user USER
      [--password-file F] [--ca FILE] [--json]   (exit 1 when refused or unreachable)
  griddesk-cli outbox WORKSPACE [--state S] [--json]
  griddesk-cli outbox-redo WORKSPACE ID --as USER
  griddesk-cli outbox-discard WORKSPACE ID --as USER
  (states: queued, sent, applied, rejected, discarded, redone)

Actions: %2.
Roles: %3.

The workspace (a GeoPackage file) is created when it does not exist.
Levels: %1.
</translation>
    </message>
    <message>
        <source>Only register entries due a visit, grid by grid.</source>
        <translation>Only register entries due a visit, grid by grid.</translation>
    </message>
    <message>
        <source>Due a visit after this many days without one (default: each kind&apos;s own).</source>
        <translation>Due a visit after this many days without one (default: each kind&apos;s own).</translation>
    </message>
    <message>
        <source>never verified</source>
        <translation>never verified</translation>
    </message>
    <message>
        <source>verified %1 by %2</source>
        <translation>verified %1 by %2</translation>
    </message>
    <message numerus="yes">
        <source>Due a visit at %1: not verified for more than %n day(s).</source>
        <translation>
            <numerusform>Due a visit at %1: not verified for more than %n day.</numerusform>
            <numerusform>Due a visit at %1: not verified for more than %n days.</numerusform>
        </translation>
    </message>
    <message>
        <source>Due a visit at %1: not verified within the period of their kind.</source>
        <translation>Due a visit at %1: not verified within the period of their kind.</translation>
    </message>
    <message>
        <source>Outside every grid</source>
        <translation>Outside every grid</translation>
    </message>
    <message>
        <source>Grid %1 %2</source>
        <translation>Grid %1 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) due a visit</source>
        <translation>
            <numerusform>%n entry due a visit</numerusform>
            <numerusform>%n entries due a visit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) due a visit in all</source>
        <translation>
            <numerusform>%n entry due a visit in all</numerusform>
            <numerusform>%n entries due a visit in all</numerusform>
        </translation>
    </message>
    <message>
        <source>--stale-days takes a whole number of days from 1 to 36500, not &quot;%1&quot;.</source>
        <translation>--stale-days takes a whole number of days from 1 to 36500, not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Register entries taken in from the server: %1.</source>
        <translation>Register entries taken in from the server: %1.</translation>
    </message>
    <message>
        <source>Reporter&apos;s contact: %1 (masked)</source>
        <translation>Reporter&apos;s contact: %1 (masked)</translation>
    </message>
    <message>
        <source>Reporter&apos;s contact: %1</source>
        <translation>Reporter&apos;s contact: %1</translation>
    </message>
    <message>
        <source>Show the version of griddesk-cli.</source>
        <translation>Show the version of griddesk-cli.</translation>
    </message>
</context>
<context>
    <name>GridDesk::CommandPalette</name>
    <message>
        <source>Type a command, &quot;case 1234&quot; or &quot;grid CODE&quot;</source>
        <translation>Type a command, &quot;case 1234&quot; or &quot;grid CODE&quot;</translation>
    </message>
    <message>
        <source>Enter runs the command · Up/Down choose · Esc closes</source>
        <translation>Enter runs the command · Up/Down choose · Esc closes</translation>
    </message>
    <message>
        <source>Open case %1 (%2)</source>
        <extracomment>a command of the palette: %1 is a case, %2 its category</extracomment>
        <translation>Open case %1 (%2)</translation>
    </message>
    <message>
        <source>Case queue</source>
        <translation>Case queue</translation>
    </message>
    <message>
        <source>Go to grid %1 %2</source>
        <extracomment>a command of the palette: %1 is a grid&apos;s code, %2 its name</extracomment>
        <translation>Go to grid %1 %2</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>case</source>
        <comment>palette keyword</comment>
        <extracomment>keywords of the command palette, separated by &quot;|&quot;: &quot;case 1234&quot; opens a case</extracomment>
        <translation>case</translation>
    </message>
    <message>
        <source>grid</source>
        <comment>palette keyword</comment>
        <extracomment>keywords of the command palette, separated by &quot;|&quot;: &quot;grid CODE&quot; goes to a grid</extracomment>
        <translation>grid</translation>
    </message>
</context>
<context>
    <name>GridDesk::ConnectDialog</name>
    <message>
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <source>Connect to server</source>
        <translation>Connect to server</translation>
    </message>
    <message>
        <source>https://HOST:PORT</source>
        <translation>https://HOST:PORT</translation>
    </message>
    <message>
        <source>none: the system&apos;s trusted certificates</source>
        <translation>none: the system&apos;s trusted certificates</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>CA certificate:</source>
        <translation>CA certificate:</translation>
    </message>
    <message>
        <source>The desk sends its actions to the city&apos;s server and takes in what other desks did. The password is kept only while the desk runs.</source>
        <translation>The desk sends its actions to the city&apos;s server and takes in what other desks did. The password is kept only while the desk runs.</translation>
    </message>
    <message>
        <source>The server&apos;s address must be https://HOST:PORT, such as https://griddesk.example.org:8443, not &quot;%1&quot;; the desk syncs over HTTPS only.</source>
        <translation>The server&apos;s address must be https://HOST:PORT, such as https://griddesk.example.org:8443, not &quot;%1&quot;; the desk syncs over HTTPS only.</translation>
    </message>
    <message>
        <source>Give the name of your account on the server.</source>
        <translation>Give the name of your account on the server.</translation>
    </message>
    <message>
        <source>Give your password.</source>
        <translation>Give your password.</translation>
    </message>
    <message>
        <source>The city&apos;s CA certificate</source>
        <translation>The city&apos;s CA certificate</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <source>%1, expired on %2: it will be refused.</source>
        <extracomment>%1 is a certificate&apos;s subject, %2 a date and time</extracomment>
        <translation>%1, expired on %2: it will be refused.</translation>
    </message>
    <message>
        <source>%1, not valid before %2.</source>
        <translation>%1, not valid before %2.</translation>
    </message>
    <message>
        <source>%1, valid until %2.</source>
        <translation>%1, valid until %2.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connecting to %1…</translation>
    </message>
</context>
<context>
    <name>GridDesk::CoordinateTransformer</name>
    <message>
        <source>The coordinate system &quot;%1&quot; is not known to PROJ (%2).</source>
        <translation>The coordinate system &quot;%1&quot; is not known to PROJ (%2).</translation>
    </message>
    <message>
        <source>No transformation from &quot;%1&quot; to WGS84 is known.</source>
        <translation>No transformation from &quot;%1&quot; to WGS84 is known.</translation>
    </message>
    <message>
        <source>The transformation from &quot;%1&quot; could not be set up.</source>
        <translation>The transformation from &quot;%1&quot; could not be set up.</translation>
    </message>
</context>
<context>
    <name>GridDesk::CoverageFindingsModel</name>
    <message>
        <source>Grid without an information collector</source>
        <translation>Grid without an information collector</translation>
    </message>
    <message>
        <source>Grid without a supervisor</source>
        <translation>Grid without a supervisor</translation>
    </message>
    <message>
        <source>Unit without a head</source>
        <translation>Unit without a head</translation>
    </message>
    <message>
        <source>Grid outside the unit&apos;s jurisdiction</source>
        <translation>Grid outside the unit&apos;s jurisdiction</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>Grid, unit, person</source>
        <translation>Grid, unit, person</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Unit whose parent is missing</source>
        <translation>Unit whose parent is missing</translation>
    </message>
    <message>
        <source>Unit within itself</source>
        <translation>Unit within itself</translation>
    </message>
    <message>
        <source>Person whose unit is missing</source>
        <translation>Person whose unit is missing</translation>
    </message>
</context>
<context>
    <name>GridDesk::DeadlineText</name>
    <message>
        <source>Deadline %1 (time left counted in working hours)</source>
        <extracomment>%1 is a date and time</extracomment>
        <translation>Deadline %1 (time left counted in working hours)</translation>
    </message>
    <message>
        <source>Deadline %1</source>
        <translation>Deadline %1</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n d</numerusform>
            <numerusform>%n d</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <extracomment>days and hours, e.g. &quot;2 d 4 h&quot;</extracomment>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>Clock stopped</source>
        <translation>Clock stopped</translation>
    </message>
    <message>
        <source>The clock stands still until the material arrives.</source>
        <translation>The clock stands still until the material arrives.</translation>
    </message>
    <message>
        <source>Overdue %1</source>
        <extracomment>%1 is how long ago the deadline passed, e.g. &quot;2 h&quot;</extracomment>
        <translation>Overdue %1</translation>
    </message>
    <message>
        <source>Due in %1 (%2 %)</source>
        <extracomment>%1 is the time left, e.g. &quot;3 h&quot;; %2 the share of the time used, e.g. 80</extracomment>
        <translation>Due in %1 (%2 %)</translation>
    </message>
    <message>
        <source>Due in %1</source>
        <translation>Due in %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::DeskAids</name>
    <message>
        <source>Alerts</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>&amp;Command palette…</source>
        <translation>&amp;Command palette…</translation>
    </message>
    <message>
        <source>&amp;Recent alerts</source>
        <translation>&amp;Recent alerts</translation>
    </message>
    <message>
        <source>P&amp;references…</source>
        <translation>P&amp;references…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
</context>
<context>
    <name>GridDesk::DeskLayout</name>
    <message>
        <source>%1: %2</source>
        <extracomment>%1 is a field of a saved window layout, %2 what is wrong with it</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>expected [x, y, width, height]</source>
        <translation>expected [x, y, width, height]</translation>
    </message>
    <message>
        <source>the width and height must be positive</source>
        <translation>the width and height must be positive</translation>
    </message>
    <message>
        <source>expected an object</source>
        <translation>expected an object</translation>
    </message>
    <message>
        <source>expected [west, south, east, north]</source>
        <translation>expected [west, south, east, north]</translation>
    </message>
    <message>
        <source>west &lt; east and south &lt; north must lie within ±180° and ±90°</source>
        <translation>west &lt; east and south &lt; north must lie within ±180° and ±90°</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of hidden, docked, window</source>
        <translation>&quot;%1&quot; is not one of hidden, docked, window</translation>
    </message>
</context>
<context>
    <name>GridDesk::DeskWindows</name>
    <message>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>Case queue</source>
        <translation>Case queue</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Org chart</source>
        <translation>Org chart</translation>
    </message>
    <message>
        <source>Standard system</source>
        <translation>Standard system</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <source>Map %1</source>
        <extracomment>The title of a further map window; %1 is its number (2, 3 …)</extracomment>
        <translation>Map %1</translation>
    </message>
    <message>
        <source>New &amp;map window</source>
        <translation>New &amp;map window</translation>
    </message>
    <message>
        <source>Another map of the open workspace, with an extent of its own</source>
        <translation>Another map of the open workspace, with an extent of its own</translation>
    </message>
    <message>
        <source>&amp;Layouts</source>
        <translation>&amp;Layouts</translation>
    </message>
    <message>
        <source>&amp;Save layout as…</source>
        <translation>&amp;Save layout as…</translation>
    </message>
    <message>
        <source>&amp;Manage layouts…</source>
        <translation>&amp;Manage layouts…</translation>
    </message>
    <message>
        <source>Closed</source>
        <extracomment>A panel of the desk is not shown (for a further map window: it is closed)</extracomment>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>Hidden</translation>
    </message>
    <message>
        <source>In the main window</source>
        <extracomment>A panel of the desk shown as a dock (for the main map: in the middle) of the main window</extracomment>
        <translation>In the main window</translation>
    </message>
    <message>
        <source>Docked in the main window</source>
        <translation>Docked in the main window</translation>
    </message>
    <message>
        <source>In its own window</source>
        <extracomment>A panel of the desk shown as a top-level window of its own, placeable on any monitor</extracomment>
        <translation>In its own window</translation>
    </message>
    <message>
        <source>Move to its own window or back</source>
        <translation>Move to its own window or back</translation>
    </message>
    <message>
        <source>Layout not applied</source>
        <translation>Layout not applied</translation>
    </message>
    <message>
        <source>No layouts saved yet</source>
        <translation>No layouts saved yet</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <extracomment>A panel&apos;s own window: %1 is the panel (Case queue, Map 2 …), %2 the main window title</extracomment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>A monitor was disconnected; its windows were moved to another one.</source>
        <translation>A monitor was disconnected; its windows were moved to another one.</translation>
    </message>
    <message>
        <source>Layout &quot;%1&quot; applied.</source>
        <extracomment>%1 is the name of a window layout</extracomment>
        <translation>Layout &quot;%1&quot; applied.</translation>
    </message>
    <message>
        <source>Save layout</source>
        <translation>Save layout</translation>
    </message>
    <message>
        <source>Name of the layout (windows, their monitors and the maps&apos; extents):</source>
        <translation>Name of the layout (windows, their monitors and the maps&apos; extents):</translation>
    </message>
    <message>
        <source>Layout not saved</source>
        <translation>Layout not saved</translation>
    </message>
    <message>
        <source>A layout needs a name.</source>
        <translation>A layout needs a name.</translation>
    </message>
    <message>
        <source>Replace layout</source>
        <translation>Replace layout</translation>
    </message>
    <message>
        <source>A layout is already saved as &quot;%1&quot;. Replace it?</source>
        <translation>A layout is already saved as &quot;%1&quot;. Replace it?</translation>
    </message>
    <message>
        <source>Layout &quot;%1&quot; saved.</source>
        <translation>Layout &quot;%1&quot; saved.</translation>
    </message>
</context>
<context>
    <name>GridDesk::DispatchDryRun</name>
    <message numerus="yes">
        <source>%n case(s) tried.</source>
        <translation>
            <numerusform>%n case tried.</numerusform>
            <numerusform>%n cases tried.</numerusform>
        </translation>
    </message>
    <message>
        <source>Matched a rule: %1 (to the unit they went to: %2, elsewhere: %3, never dispatched: %4). Matched none: %5.</source>
        <translation>Matched a rule: %1 (to the unit they went to: %2, elsewhere: %3, never dispatched: %4). Matched none: %5.</translation>
    </message>
    <message numerus="yes">
        <source>  %1 %2: %n case(s), %3 agreeing, %4 differing</source>
        <translation>
            <numerusform>  %1 %2: %n case, %3 agreeing, %4 differing</numerusform>
            <numerusform>  %1 %2: %n cases, %3 agreeing, %4 differing</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::DispatchRules</name>
    <message>
        <source>category %1</source>
        <translation>category %1</translation>
    </message>
    <message>
        <source>grid %1</source>
        <translation>grid %1</translation>
    </message>
    <message>
        <source>reported %1–%2</source>
        <translation>reported %1–%2</translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation>channel %1</translation>
    </message>
    <message>
        <source>every case</source>
        <translation>every case</translation>
    </message>
    <message>
        <source>Rule %1 &quot;%2&quot; (%3)</source>
        <translation>Rule %1 &quot;%2&quot; (%3)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is &quot;%2&quot;; write a time as 22:00</source>
        <translation>&quot;%1&quot; is &quot;%2&quot;; write a time as 22:00</translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation>rule %1</translation>
    </message>
    <message>
        <source>%1: &quot;id&quot; is missing</source>
        <translation>%1: &quot;id&quot; is missing</translation>
    </message>
    <message>
        <source>%1: id %2 is used twice</source>
        <translation>%1: id %2 is used twice</translation>
    </message>
    <message>
        <source>%1: &quot;unit&quot; is missing</source>
        <translation>%1: &quot;unit&quot; is missing</translation>
    </message>
    <message>
        <source>%1: a time window needs both &quot;from&quot; and &quot;to&quot;</source>
        <translation>%1: a time window needs both &quot;from&quot; and &quot;to&quot;</translation>
    </message>
</context>
<context>
    <name>GridDesk::DryRunDialog</name>
    <message>
        <source>&amp;From</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>T&amp;o</source>
        <translation>T&amp;o</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>Agreeing</source>
        <translation>Agreeing</translation>
    </message>
    <message>
        <source>Differing</source>
        <translation>Differing</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Went to</source>
        <translation>Went to</translation>
    </message>
    <message>
        <source>Rule proposes</source>
        <translation>Rule proposes</translation>
    </message>
    <message>
        <source>Try dispatch rules on past cases</source>
        <translation>Try dispatch rules on past cases</translation>
    </message>
    <message>
        <source>Without dates, every case of the workspace is tried.</source>
        <translation>Without dates, every case of the workspace is tried.</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Run</translation>
    </message>
    <message>
        <source>What each rule would have decided:</source>
        <translation>What each rule would have decided:</translation>
    </message>
    <message>
        <source>The first cases a rule would have sent elsewhere:</source>
        <translation>The first cases a rule would have sent elsewhere:</translation>
    </message>
    <message>
        <source>The rules could not be tried: %1</source>
        <translation>The rules could not be tried: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) tried: %1 matched a rule – %2 to the unit they went to, %3 elsewhere, %4 never dispatched; %5 matched no rule. Nothing was saved.</source>
        <extracomment>counts of a dry run of the dispatch rules over past cases</extracomment>
        <translation>
            <numerusform>%n case tried: %1 matched a rule – %2 to the unit they went to, %3 elsewhere, %4 never dispatched; %5 matched no rule. Nothing was saved.</numerusform>
            <numerusform>%n cases tried: %1 matched a rule – %2 to the unit they went to, %3 elsewhere, %4 never dispatched; %5 matched no rule. Nothing was saved.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::DuplicatePicker</name>
    <message>
        <source> m</source>
        <extracomment>unit after the distance within which duplicates are looked for</extracomment>
        <translation> m</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Same category within</source>
        <translation>Same category within</translation>
    </message>
    <message>
        <source>and</source>
        <translation>and</translation>
    </message>
    <message>
        <source>No open case of the same category is that near.</source>
        <translation>No open case of the same category is that near.</translation>
    </message>
    <message numerus="yes">
        <source>%n possible duplicate(s).</source>
        <translation>
            <numerusform>%n possible duplicate.</numerusform>
            <numerusform>%n possible duplicates.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::Editions</name>
    <message>
        <source>Split</source>
        <translation>Split</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Merged</translation>
    </message>
    <message>
        <source>Reshaped</source>
        <translation>Reshaped</translation>
    </message>
    <message>
        <source>Subdivided</source>
        <translation>Subdivided</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>The grid draft could not be read: %1</source>
        <translation>The grid draft could not be read: %1</translation>
    </message>
    <message>
        <source>Grid %1 was changed since this edit began; nothing was changed.</source>
        <translation>Grid %1 was changed since this edit began; nothing was changed.</translation>
    </message>
    <message>
        <source>Every grid needs a code.</source>
        <translation>Every grid needs a code.</translation>
    </message>
    <message>
        <source>Code %1 is given to two grids by one edit.</source>
        <translation>Code %1 is given to two grids by one edit.</translation>
    </message>
    <message>
        <source>Code %1 is already taken by another grid.</source>
        <translation>Code %1 is already taken by another grid.</translation>
    </message>
    <message>
        <source>Grid %1 could not be deleted from the draft: %2</source>
        <translation>Grid %1 could not be deleted from the draft: %2</translation>
    </message>
    <message>
        <source>Grid %1 could not be written to the draft: %2</source>
        <translation>Grid %1 could not be written to the draft: %2</translation>
    </message>
    <message>
        <source>The lineage of the draft could not be written: %1</source>
        <translation>The lineage of the draft could not be written: %1</translation>
    </message>
    <message>
        <source>The draft could not be cleared: %1</source>
        <translation>The draft could not be cleared: %1</translation>
    </message>
    <message>
        <source>Accepted findings could not be read: %1</source>
        <translation>Accepted findings could not be read: %1</translation>
    </message>
    <message>
        <source>Say why the finding is accepted.</source>
        <translation>Say why the finding is accepted.</translation>
    </message>
    <message>
        <source>The finding has no key.</source>
        <translation>The finding has no key.</translation>
    </message>
    <message>
        <source>The acceptance could not be saved: %1</source>
        <translation>The acceptance could not be saved: %1</translation>
    </message>
    <message>
        <source>The acceptance could not be withdrawn: %1</source>
        <translation>The acceptance could not be withdrawn: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Reading cases</source>
        <translation>Reading cases</translation>
    </message>
    <message>
        <source>Reading dispatch rules</source>
        <translation>Reading dispatch rules</translation>
    </message>
    <message>
        <source>Reading grid editions</source>
        <translation>Reading grid editions</translation>
    </message>
    <message>
        <source>Keeping grid %1 in edition %2</source>
        <translation>Keeping grid %1 in edition %2</translation>
    </message>
    <message>
        <source>Recording edition %1</source>
        <translation>Recording edition %1</translation>
    </message>
    <message>
        <source>Grids as imported</source>
        <translation>Grids as imported</translation>
    </message>
    <message numerus="yes">
        <source>%n grid(s) imported</source>
        <translation>
            <numerusform>%n grid imported</numerusform>
            <numerusform>%n grids imported</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading edition %1</source>
        <translation>Reading edition %1</translation>
    </message>
    <message>
        <source>The draft has no changes to publish.</source>
        <translation>The draft has no changes to publish.</translation>
    </message>
    <message>
        <source>Say what this edition changes.</source>
        <translation>Say what this edition changes.</translation>
    </message>
    <message>
        <source>Say who publishes this edition.</source>
        <translation>Say who publishes this edition.</translation>
    </message>
    <message>
        <source>The draft cannot be published until these are fixed or accepted: %1</source>
        <translation>The draft cannot be published until these are fixed or accepted: %1</translation>
    </message>
    <message>
        <source>Closing grid %1</source>
        <translation>Closing grid %1</translation>
    </message>
    <message>
        <source>case %1</source>
        <translation>case %1</translation>
    </message>
    <message>
        <source>grid %1</source>
        <translation>grid %1</translation>
    </message>
    <message>
        <source>Code %1 belongs to a grid of another level in the draft (%2); the file gives it to one of this level: %3. Codes are unique across levels.</source>
        <translation>Code %1 belongs to a grid of another level in the draft (%2); the file gives it to one of this level: %3. Codes are unique across levels.</translation>
    </message>
    <message>
        <source>Grid %1 was changed in another window or program; nothing was changed. Open the draft again to see the change.</source>
        <translation>Grid %1 was changed in another window or program; nothing was changed. Open the draft again to see the change.</translation>
    </message>
    <message>
        <source>Code %1 was given to another grid in another window or program; nothing was changed.</source>
        <translation>Code %1 was given to another grid in another window or program; nothing was changed.</translation>
    </message>
    <message>
        <source>The draft has no changes to publish; it may have been published from another window or program.</source>
        <translation>The draft has no changes to publish; it may have been published from another window or program.</translation>
    </message>
    <message>
        <source>The draft was changed in another window or program since it was read; open it again to see those changes before publishing.</source>
        <translation>The draft was changed in another window or program since it was read; open it again to see those changes before publishing.</translation>
    </message>
    <message>
        <source>There is no grid edition %1.</source>
        <translation>There is no grid edition %1.</translation>
    </message>
    <message>
        <source>Reading grid edition %1</source>
        <translation>Reading grid edition %1</translation>
    </message>
    <message>
        <source>Grid edition %1 cannot be taken in: this workspace has editions up to %2 only.</source>
        <translation>Grid edition %1 cannot be taken in: this workspace has editions up to %2 only.</translation>
    </message>
</context>
<context>
    <name>GridDesk::EditionsDialog</name>
    <message>
        <source>Grid editions</source>
        <translation>Grid editions</translation>
    </message>
    <message>
        <source>Edition</source>
        <translation>Edition</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Grids</source>
        <translation>Grids</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>Lineage</source>
        <translation>Lineage</translation>
    </message>
    <message>
        <source>&amp;Show on map</source>
        <translation>&amp;Show on map</translation>
    </message>
    <message>
        <source>%1 %2 → %3</source>
        <extracomment>A lineage link of a grid edition: kind, the grid before and the grid after</extracomment>
        <translation>%1 %2 → %3</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::Error</name>
    <message>
        <source>%1: %2</source>
        <extracomment>where something went wrong, then what: &quot;grids.shp, row 12: the geometry is invalid&quot;</extracomment>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>GridDesk::Evaluation</name>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 cannot be written: %2</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>unit</translation>
    </message>
    <message>
        <source>grid</source>
        <translation>grid</translation>
    </message>
    <message>
        <source>category</source>
        <translation>category</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>channel</translation>
    </message>
    <message>
        <source>day</source>
        <translation>day</translation>
    </message>
    <message>
        <source>week</source>
        <translation>week</translation>
    </message>
    <message>
        <source>month</source>
        <translation>month</translation>
    </message>
    <message>
        <source>quarter</source>
        <translation>quarter</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a day; write it as YYYY-MM-DD, for example 2018-01-31.</source>
        <translation>%1 &quot;%2&quot; is not a day; write it as YYYY-MM-DD, for example 2018-01-31.</translation>
    </message>
    <message>
        <source>The period starts on %1, after it ends on %2.</source>
        <translation>The period starts on %1, after it ends on %2.</translation>
    </message>
    <message>
        <source>the first case</source>
        <translation>the first case</translation>
    </message>
    <message>
        <source>now</source>
        <translation>now</translation>
    </message>
    <message>
        <source>Cases reported from %1 to %2</source>
        <translation>Cases reported from %1 to %2</translation>
    </message>
    <message>
        <source>, by %1</source>
        <translation>, by %1</translation>
    </message>
    <message>
        <source>, per %1</source>
        <translation>, per %1</translation>
    </message>
    <message>
        <source>, every case of the workspace (no user given)</source>
        <translation>, every case of the workspace (no user given)</translation>
    </message>
    <message>
        <source>, as seen by user %1</source>
        <translation>, as seen by user %1</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>All cases</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Numerator</source>
        <translation>Numerator</translation>
    </message>
    <message>
        <source>Denominator</source>
        <translation>Denominator</translation>
    </message>
    <message>
        <source>Time per stage</source>
        <translation>Time per stage</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Stages ended</source>
        <translation>Stages ended</translation>
    </message>
    <message>
        <source>Mean hours</source>
        <translation>Mean hours</translation>
    </message>
    <message>
        <source>Median hours</source>
        <translation>Median hours</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Groups</translation>
    </message>
    <message>
        <source>Unit ranking</source>
        <translation>Unit ranking</translation>
    </message>
    <message>
        <source>%1 (clause %2) %3</source>
        <translation>%1 (clause %2) %3</translation>
    </message>
    <message>
        <source>Weights: %1. Units need at least %2 cases to be ranked.</source>
        <translation>Weights: %1. Units need at least %2 cases to be ranked.</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Not ranked: below %1 cases or nothing to score</source>
        <translation>Not ranked: below %1 cases or nothing to score</translation>
    </message>
    <message>
        <source>Evaluation report</source>
        <translation>Evaluation report</translation>
    </message>
    <message>
        <source>Jurisdiction: %1</source>
        <translation>Jurisdiction: %1</translation>
    </message>
    <message>
        <source>Made %1 UTC</source>
        <translation>Made %1 UTC</translation>
    </message>
    <message>
        <source>The cases behind every number are listed in the JSON and CSV exports.</source>
        <translation>The cases behind every number are listed in the JSON and CSV exports.</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Workspace: %1</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>(not dispatched)</source>
        <translation>(not dispatched)</translation>
    </message>
    <message>
        <source>(no grid)</source>
        <translation>(no grid)</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>(no category)</translation>
    </message>
    <message>
        <source>(channel not recorded)</source>
        <translation>(channel not recorded)</translation>
    </message>
    <message>
        <source>all cases</source>
        <translation>all cases</translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) with fewer than %1 cases, or with no weighted indicator to score, are not ranked; their scores are listed apart.</source>
        <translation>
            <numerusform>%n unit with fewer than %1 cases, or with no weighted indicator to score, is not ranked; its score is listed apart.</numerusform>
            <numerusform>%n units with fewer than %1 cases, or with no weighted indicator to score, are not ranked; their scores are listed apart.</numerusform>
        </translation>
    </message>
    <message>
        <source>The evaluation weights kept in the workspace cannot be read: %1.</source>
        <translation>The evaluation weights kept in the workspace cannot be read: %1.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a weighted indicator; use one of %2.</source>
        <translation>&quot;%1&quot; is not a weighted indicator; use one of %2.</translation>
    </message>
    <message>
        <source>The weight of %1 must be a number from 0 to %2, not &quot;%3&quot;.</source>
        <translation>The weight of %1 must be a number from 0 to %2, not &quot;%3&quot;.</translation>
    </message>
    <message>
        <source>The weight of %1 must be a number from 0 to %2, not %3.</source>
        <translation>The weight of %1 must be a number from 0 to %2, not %3.</translation>
    </message>
    <message>
        <source>At least one weight must be above 0, or no unit can be scored.</source>
        <translation>At least one weight must be above 0, or no unit can be scored.</translation>
    </message>
    <message>
        <source>A unit needs at least 1 case to be ranked, not %1.</source>
        <translation>A unit needs at least 1 case to be ranked, not %1.</translation>
    </message>
    <message>
        <source>The evaluation weight of %1 kept in the workspace is not a number.</source>
        <translation>The evaluation weight of %1 kept in the workspace is not a number.</translation>
    </message>
    <message>
        <source>No case of the report has a satisfaction recorded: satisfaction is left out of every score.</source>
        <translation>No case of the report has a satisfaction recorded: satisfaction is left out of every score.</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) of the period lie outside the user&apos;s jurisdiction and are not counted.</source>
        <translation>
            <numerusform>%n case of the period lies outside the user&apos;s jurisdiction and is not counted.</numerusform>
            <numerusform>%n cases of the period lie outside the user&apos;s jurisdiction and are not counted.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the cases</source>
        <translation>Reading the cases</translation>
    </message>
    <message>
        <source>Reading the history of case %1</source>
        <translation>Reading the history of case %1</translation>
    </message>
    <message>
        <source>Event %1 of case %2 cannot be read: unknown action or state, or out of order.</source>
        <translation>Event %1 of case %2 cannot be read: unknown action or state, or out of order.</translation>
    </message>
    <message>
        <source>Event %1 of case %2 holds data that is not a JSON object.</source>
        <translation>Event %1 of case %2 holds data that is not a JSON object.</translation>
    </message>
    <message>
        <source>Case %1 has an event at &quot;%2&quot;, which is not a time.</source>
        <translation>Case %1 has an event at &quot;%2&quot;, which is not a time.</translation>
    </message>
    <message>
        <source>Cases received</source>
        <translation>Cases received</translation>
    </message>
    <message>
        <source>Cases registered</source>
        <translation>Cases registered</translation>
    </message>
    <message>
        <source>Cases dispatched</source>
        <translation>Cases dispatched</translation>
    </message>
    <message>
        <source>Cases closed</source>
        <translation>Cases closed</translation>
    </message>
    <message>
        <source>Closure rate</source>
        <translation>Closure rate</translation>
    </message>
    <message>
        <source>On-time closure rate</source>
        <translation>On-time closure rate</translation>
    </message>
    <message>
        <source>Rework rate</source>
        <translation>Rework rate</translation>
    </message>
    <message>
        <source>Returns by units</source>
        <translation>Returns by units</translation>
    </message>
    <message>
        <source>Failed verifications</source>
        <translation>Failed verifications</translation>
    </message>
    <message>
        <source>Supervisions</source>
        <translation>Supervisions</translation>
    </message>
    <message>
        <source>Supervision rate</source>
        <translation>Supervision rate</translation>
    </message>
    <message>
        <source>First-discovery rate</source>
        <translation>First-discovery rate</translation>
    </message>
    <message>
        <source>Satisfaction (1 to 5)</source>
        <translation>Satisfaction (1 to 5)</translation>
    </message>
    <message>
        <source>Cases evaluated</source>
        <translation>Cases evaluated</translation>
    </message>
    <message>
        <source>Hotline cases received</source>
        <translation>Hotline cases received</translation>
    </message>
    <message>
        <source>Hotline cases closed on time</source>
        <translation>Hotline cases closed on time</translation>
    </message>
    <message>
        <source>Hotline requests resolved</source>
        <translation>Hotline requests resolved</translation>
    </message>
    <message>
        <source>Hotline satisfaction (1 to 5)</source>
        <translation>Hotline satisfaction (1 to 5)</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 failed: %2</translation>
    </message>
    <message>
        <source>%1 is not a user of this workspace (its users: %2).</source>
        <translation>%1 is not a user of this workspace (its users: %2).</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>User %1 belongs to unit &quot;%2&quot;, which is not in the org chart.</source>
        <translation>User %1 belongs to unit &quot;%2&quot;, which is not in the org chart.</translation>
    </message>
    <message>
        <source>Reading the units&apos; jurisdictions</source>
        <translation>Reading the units&apos; jurisdictions</translation>
    </message>
    <message>
        <source>Reading the grids&apos; parents</source>
        <translation>Reading the grids&apos; parents</translation>
    </message>
    <message>
        <source>every case of the workspace</source>
        <translation>every case of the workspace</translation>
    </message>
    <message>
        <source>every case (unit %1 %2 is the top of the chart)</source>
        <translation>every case (unit %1 %2 is the top of the chart)</translation>
    </message>
    <message>
        <source>cases of unit %1 %2 and the units and grids below it</source>
        <translation>cases of unit %1 %2 and the units and grids below it</translation>
    </message>
    <message>
        <source>First discovery counts cases reported through %1 or found on a patrol (reported during an imported patrol track, near it, by the patroller or through grid staff), and not merged into another case as a duplicate.</source>
        <translation>First discovery counts cases reported through %1 or found on a patrol (reported during an imported patrol track, near it, by the patroller or through grid staff), and not merged into another case as a duplicate.</translation>
    </message>
    <message numerus="yes">
        <source>Hotline reporters contacted first counts the dispatched hotline cases whose reporter was called (the action &quot;Contact the reporter&quot;) within %n hours of the report.</source>
        <translation>
            <numerusform>Hotline reporters contacted first counts the dispatched hotline cases whose reporter was called (the action &quot;Contact the reporter&quot;) within %n hour of the report.</numerusform>
            <numerusform>Hotline reporters contacted first counts the dispatched hotline cases whose reporter was called (the action &quot;Contact the reporter&quot;) within %n hours of the report.</numerusform>
        </translation>
    </message>
    <message>
        <source>Hotline reporters contacted first</source>
        <translation>Hotline reporters contacted first</translation>
    </message>
</context>
<context>
    <name>GridDesk::EvaluationDashboard</name>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <source>Double-click a number to open its cases in the queue</source>
        <translation>Double-click a number to open its cases in the queue</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>All cases</translation>
    </message>
    <message>
        <source>By unit</source>
        <translation>By unit</translation>
    </message>
    <message>
        <source>By grid</source>
        <translation>By grid</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>By category</translation>
    </message>
    <message>
        <source>By channel</source>
        <translation>By channel</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>Per day</translation>
    </message>
    <message>
        <source>Per week</source>
        <translation>Per week</translation>
    </message>
    <message>
        <source>Per month</source>
        <translation>Per month</translation>
    </message>
    <message>
        <source>Per quarter</source>
        <translation>Per quarter</translation>
    </message>
    <message>
        <source>The steps of the trend chart</source>
        <translation>The steps of the trend chart</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>%1 (clause %2): click to open its cases in the queue</source>
        <extracomment>%1 is an indicator such as &quot;Closure rate&quot;, %2 the clause of the standard</extracomment>
        <translation>%1 (clause %2): click to open its cases in the queue</translation>
    </message>
    <message>
        <source>The figures cannot be made: %1</source>
        <translation>The figures cannot be made: %1</translation>
    </message>
    <message>
        <source>%1.</source>
        <translation>%1.</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <extracomment>%1 is an indicator, %2 a unit, grid, category or channel</extracomment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Counting the cases for %1…</source>
        <translation>Counting the cases for %1…</translation>
    </message>
</context>
<context>
    <name>GridDesk::EvaluationView</name>
    <message>
        <source>Cases received and closed per day</source>
        <translation>Cases received and closed per day</translation>
    </message>
    <message>
        <source>Cases received and closed per week</source>
        <translation>Cases received and closed per week</translation>
    </message>
    <message>
        <source>Cases received and closed per quarter</source>
        <translation>Cases received and closed per quarter</translation>
    </message>
    <message>
        <source>Cases received and closed per month</source>
        <translation>Cases received and closed per month</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <extracomment>%1 is an indicator, %2 a period such as 2018-01</extracomment>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <source>Unit ranking (units with at least %n case(s))</source>
        <translation>
            <numerusform>Unit ranking (units with at least %n case)</numerusform>
            <numerusform>Unit ranking (units with at least %n cases)</numerusform>
        </translation>
    </message>
    <message>
        <source>Composite score</source>
        <translation>Composite score</translation>
    </message>
    <message>
        <source>Unit %1</source>
        <translation>Unit %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::ExportGridsDialog</name>
    <message>
        <source>Export grids</source>
        <translation>Export grids</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>grids.gpkg, grids.shp, grids.geojson or grids.kml</source>
        <translation>grids.gpkg, grids.shp, grids.geojson or grids.kml</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>All levels</translation>
    </message>
    <message>
        <source>WGS 84 (longitude, latitude)</source>
        <translation>WGS 84 (longitude, latitude)</translation>
    </message>
    <message>
        <source>CGCS2000 (longitude, latitude)</source>
        <translation>CGCS2000 (longitude, latitude)</translation>
    </message>
    <message>
        <source>CGCS2000 / 3-degree Gauss-Kruger, central meridian 114°E</source>
        <translation>CGCS2000 / 3-degree Gauss-Kruger, central meridian 114°E</translation>
    </message>
    <message>
        <source>CGCS2000 / 3-degree Gauss-Kruger, central meridian 120°E</source>
        <translation>CGCS2000 / 3-degree Gauss-Kruger, central meridian 120°E</translation>
    </message>
    <message>
        <source>Web Mercator</source>
        <translation>Web Mercator</translation>
    </message>
    <message>
        <source>Pick a system, or type an EPSG code (EPSG:32650) or a PROJ string.</source>
        <translation>Pick a system, or type an EPSG code (EPSG:32650) or a PROJ string.</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;File:</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>&amp;Level:</translation>
    </message>
    <message>
        <source>&amp;Coordinate system:</source>
        <translation>&amp;Coordinate system:</translation>
    </message>
    <message>
        <source>&amp;Encoding (shapefile):</source>
        <translation>&amp;Encoding (shapefile):</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg);;Shapefile (*.shp);;GeoJSON (*.geojson *.json);;KML (*.kml)</source>
        <translation>GeoPackage (*.gpkg);;Shapefile (*.shp);;GeoJSON (*.geojson *.json);;KML (*.kml)</translation>
    </message>
    <message>
        <source>The file must end in .gpkg, .shp, .geojson, .json or .kml.</source>
        <translation>The file must end in .gpkg, .shp, .geojson, .json or .kml.</translation>
    </message>
    <message>
        <source>%1 exists. Replace it?</source>
        <translation>%1 exists. Replace it?</translation>
    </message>
</context>
<context>
    <name>GridDesk::GeoPackageBlob</name>
    <message>
        <source>The stored geometry is not a GeoPackage geometry.</source>
        <translation>The stored geometry is not a GeoPackage geometry.</translation>
    </message>
    <message>
        <source>The stored geometry has an unknown envelope kind %1.</source>
        <translation>The stored geometry has an unknown envelope kind %1.</translation>
    </message>
    <message>
        <source>The stored geometry is truncated.</source>
        <translation>The stored geometry is truncated.</translation>
    </message>
</context>
<context>
    <name>GridDesk::Geos</name>
    <message>
        <source>The geometry could not be read: %1</source>
        <translation>The geometry could not be read: %1</translation>
    </message>
    <message>
        <source>%1 at %2, %3</source>
        <translation>%1 at %2, %3</translation>
    </message>
    <message>
        <source>invalid geometry</source>
        <translation>invalid geometry</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridAttributesPanel</name>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>&amp;Level:</translation>
    </message>
    <message>
        <source>&amp;Parent:</source>
        <translation>&amp;Parent:</translation>
    </message>
    <message>
        <source>&amp;Households:</source>
        <translation>&amp;Households:</translation>
    </message>
    <message>
        <source>P&amp;opulation:</source>
        <translation>P&amp;opulation:</translation>
    </message>
    <message>
        <source>&amp;Supervisor:</source>
        <translation>&amp;Supervisor:</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>Area:</translation>
    </message>
    <message numerus="yes">
        <source>%n grids are selected; select one to edit its attributes.</source>
        <translation>
            <numerusform>%n grid is selected; select one to edit its attributes.</numerusform>
            <numerusform>%n grids are selected; select one to edit its attributes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a grid on the map to edit its attributes.</source>
        <translation>Select a grid on the map to edit its attributes.</translation>
    </message>
    <message>
        <source>%1 m²</source>
        <extracomment>An area in square metres</extracomment>
        <translation>%1 m²</translation>
    </message>
    <message>
        <source>There is no grid %1 to be the parent.</source>
        <translation>There is no grid %1 to be the parent.</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridChanges</name>
    <message>
        <source>There is no boundary there to change.</source>
        <translation>There is no boundary there to change.</translation>
    </message>
    <message>
        <source>Move vertex</source>
        <translation>Move vertex</translation>
    </message>
    <message>
        <source>Add vertex</source>
        <translation>Add vertex</translation>
    </message>
    <message>
        <source>Delete vertex</source>
        <translation>Delete vertex</translation>
    </message>
    <message>
        <source>Grid %1 is not on the map.</source>
        <translation>Grid %1 is not on the map.</translation>
    </message>
    <message>
        <source>Reshape %1</source>
        <extracomment>%1 is a grid code</extracomment>
        <translation>Reshape %1</translation>
    </message>
    <message>
        <source>Split %1</source>
        <translation>Split %1</translation>
    </message>
    <message>
        <source>%1 (part %2)</source>
        <extracomment>A part split off a grid: %1 is the grid&apos;s name, %2 the number of the part</extracomment>
        <translation>%1 (part %2)</translation>
    </message>
    <message>
        <source>Select at least two adjacent grids.</source>
        <translation>Select at least two adjacent grids.</translation>
    </message>
    <message>
        <source>Merge %1</source>
        <translation>Merge %1</translation>
    </message>
    <message>
        <source>A grid needs at least three corners.</source>
        <translation>A grid needs at least three corners.</translation>
    </message>
    <message>
        <source>New grid %1</source>
        <translation>New grid %1</translation>
    </message>
    <message>
        <source>Draw grid %1</source>
        <translation>Draw grid %1</translation>
    </message>
    <message>
        <source>Select the grids to delete.</source>
        <translation>Select the grids to delete.</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>Delete %1</translation>
    </message>
    <message numerus="yes">
        <source>Subdivide %1 into %n fine grids</source>
        <extracomment>%1 is a grid code, %n the number of fine grids made</extracomment>
        <translation>
            <numerusform>Subdivide %1 into %n fine grid</numerusform>
            <numerusform>Subdivide %1 into %n fine grids</numerusform>
        </translation>
    </message>
    <message>
        <source>A grid needs a code.</source>
        <translation>A grid needs a code.</translation>
    </message>
    <message>
        <source>Another grid has the code %1.</source>
        <translation>Another grid has the code %1.</translation>
    </message>
    <message>
        <source>Edit attributes of %1</source>
        <translation>Edit attributes of %1</translation>
    </message>
    <message>
        <source>Close gap in %1</source>
        <translation>Close gap in %1</translation>
    </message>
    <message>
        <source>Clip overlap, %1 keeps it</source>
        <extracomment>%1 is the grid that keeps an overlapping area</extracomment>
        <translation>Clip overlap, %1 keeps it</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridEditSession</name>
    <message>
        <source>No workspace is open.</source>
        <translation>No workspace is open.</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>Import %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridEditTool</name>
    <message>
        <source>A grid needs at least three corners.</source>
        <translation>A grid needs at least three corners.</translation>
    </message>
    <message>
        <source>A line needs at least two points.</source>
        <translation>A line needs at least two points.</translation>
    </message>
    <message>
        <source>Draw the line across a grid to split it.</source>
        <translation>Draw the line across a grid to split it.</translation>
    </message>
    <message>
        <source>Select the one grid to reshape, then draw the new boundary.</source>
        <translation>Select the one grid to reshape, then draw the new boundary.</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridEditor</name>
    <message>
        <source>Grid editing</source>
        <translation>Grid editing</translation>
    </message>
    <message>
        <source>The grid map cannot be edited: %1</source>
        <translation>The grid map cannot be edited: %1</translation>
    </message>
    <message>
        <source>&amp;Edit grids</source>
        <translation>&amp;Edit grids</translation>
    </message>
    <message>
        <source>Edit the boundaries and attributes of the grids in a draft</source>
        <translation>Edit the boundaries and attributes of the grids in a draft</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Select</translation>
    </message>
    <message>
        <source>Move vertex</source>
        <translation>Move vertex</translation>
    </message>
    <message>
        <source>Add vertex</source>
        <translation>Add vertex</translation>
    </message>
    <message>
        <source>Delete vertex</source>
        <translation>Delete vertex</translation>
    </message>
    <message>
        <source>Reshape</source>
        <translation>Reshape</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Split</translation>
    </message>
    <message>
        <source>Draw grid</source>
        <translation>Draw grid</translation>
    </message>
    <message>
        <source>Click a grid to select it; shift-click adds or removes one</source>
        <translation>Click a grid to select it; shift-click adds or removes one</translation>
    </message>
    <message>
        <source>Drag a vertex; a vertex shared with neighbours moves for all of them</source>
        <translation>Drag a vertex; a vertex shared with neighbours moves for all of them</translation>
    </message>
    <message>
        <source>Click an edge to add a vertex there (on both sides of a shared edge)</source>
        <translation>Click an edge to add a vertex there (on both sides of a shared edge)</translation>
    </message>
    <message>
        <source>Click a vertex to remove it from every grid that has it</source>
        <translation>Click a vertex to remove it from every grid that has it</translation>
    </message>
    <message>
        <source>Select a grid, then draw its new boundary from one point of it to another; Enter finishes</source>
        <translation>Select a grid, then draw its new boundary from one point of it to another; Enter finishes</translation>
    </message>
    <message>
        <source>Draw a line across a grid; Enter or a double-click splits it</source>
        <translation>Draw a line across a grid; Enter or a double-click splits it</translation>
    </message>
    <message>
        <source>Click the corners of a new base grid; Enter or a double-click finishes</source>
        <translation>Click the corners of a new base grid; Enter or a double-click finishes</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Merge</translation>
    </message>
    <message>
        <source>Merge the selected adjacent grids into the first selected</source>
        <translation>Merge the selected adjacent grids into the first selected</translation>
    </message>
    <message>
        <source>&amp;Delete grid</source>
        <translation>&amp;Delete grid</translation>
    </message>
    <message>
        <source>S&amp;ubdivide…</source>
        <translation>S&amp;ubdivide…</translation>
    </message>
    <message>
        <source>Cut the selected base grid into fine grids</source>
        <translation>Cut the selected base grid into fine grids</translation>
    </message>
    <message>
        <source>&amp;Check topology</source>
        <translation>&amp;Check topology</translation>
    </message>
    <message>
        <source>&amp;Publish…</source>
        <translation>&amp;Publish…</translation>
    </message>
    <message>
        <source>D&amp;iscard draft…</source>
        <translation>D&amp;iscard draft…</translation>
    </message>
    <message>
        <source>Editi&amp;ons…</source>
        <translation>Editi&amp;ons…</translation>
    </message>
    <message>
        <source>Back to the &amp;current map</source>
        <translation>Back to the &amp;current map</translation>
    </message>
    <message>
        <source>Grid attributes</source>
        <translation>Grid attributes</translation>
    </message>
    <message>
        <source>Topology findings</source>
        <translation>Topology findings</translation>
    </message>
    <message>
        <source>Edit history</source>
        <translation>Edit history</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>Open a workspace to edit its grids.</source>
        <translation>Open a workspace to edit its grids.</translation>
    </message>
    <message>
        <source>Reading the grid map for editing…</source>
        <translation>Reading the grid map for editing…</translation>
    </message>
    <message numerus="yes">
        <source>Editing the draft of the grid map (%n grids changed so far).</source>
        <translation>
            <numerusform>Editing the draft of the grid map (%n grid changed so far).</numerusform>
            <numerusform>Editing the draft of the grid map (%n grids changed so far).</numerusform>
        </translation>
    </message>
    <message>
        <source>Editing the grid map; edits collect in a draft until it is published.</source>
        <translation>Editing the grid map; edits collect in a draft until it is published.</translation>
    </message>
    <message>
        <source>The edited map cannot be drawn: %1</source>
        <translation>The edited map cannot be drawn: %1</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <extracomment>%1 names the edit to undo, e.g. &quot;Move vertex&quot;</extracomment>
        <translation>&amp;Undo %1</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>&amp;Redo %1</translation>
    </message>
    <message>
        <source>Publish the draft as a new edition of the grid map</source>
        <translation>Publish the draft as a new edition of the grid map</translation>
    </message>
    <message>
        <source>Editions are published by a supervisor or a leader; run as one to publish</source>
        <translation>Editions are published by a supervisor or a leader; run as one to publish</translation>
    </message>
    <message>
        <source>Select one base grid to subdivide.</source>
        <translation>Select one base grid to subdivide.</translation>
    </message>
    <message>
        <source>Editions are published by a supervisor or a leader.</source>
        <translation>Editions are published by a supervisor or a leader.</translation>
    </message>
    <message>
        <source>The draft has no edits to publish.</source>
        <translation>The draft has no edits to publish.</translation>
    </message>
    <message>
        <source>The impact of publishing cannot be worked out: %1</source>
        <translation>The impact of publishing cannot be worked out: %1</translation>
    </message>
    <message numerus="yes">
        <source>Edition %1 published with %n changed grids.</source>
        <extracomment>%1 is the number of the edition, %n how many grids it changed</extracomment>
        <translation>
            <numerusform>Edition %1 published with %n changed grid.</numerusform>
            <numerusform>Edition %1 published with %n changed grids.</numerusform>
        </translation>
    </message>
    <message>
        <source>The draft has no edits to discard.</source>
        <translation>The draft has no edits to discard.</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>Discard draft</translation>
    </message>
    <message>
        <source>The draft was not discarded: %1</source>
        <translation>The draft was not discarded: %1</translation>
    </message>
    <message>
        <source>Draft discarded; the map is the published edition again.</source>
        <translation>Draft discarded; the map is the published edition again.</translation>
    </message>
    <message>
        <source>The editions cannot be read: %1</source>
        <translation>The editions cannot be read: %1</translation>
    </message>
    <message>
        <source>Edition %1 cannot be read: %2</source>
        <translation>Edition %1 cannot be read: %2</translation>
    </message>
    <message>
        <source>Edition %1 cannot be drawn: %2</source>
        <translation>Edition %1 cannot be drawn: %2</translation>
    </message>
    <message>
        <source>Showing edition %1 of the grid map, read-only; Map → Back to the current map returns.</source>
        <translation>Showing edition %1 of the grid map, read-only; Map → Back to the current map returns.</translation>
    </message>
    <message numerus="yes">
        <source>Throw away the draft&apos;s changes to %n grid(s)? The grid map goes back to the published edition; this cannot be undone.</source>
        <translation>
            <numerusform>Throw away the draft&apos;s changes to %n grid? The grid map goes back to the published edition; this cannot be undone.</numerusform>
            <numerusform>Throw away the draft&apos;s changes to %n grids? The grid map goes back to the published edition; this cannot be undone.</numerusform>
        </translation>
    </message>
    <message>
        <source>(draft when editing began)</source>
        <translation>(draft when editing began)</translation>
    </message>
    <message>
        <source>&amp;Import grids into the draft…</source>
        <translation>&amp;Import grids into the draft…</translation>
    </message>
    <message>
        <source>E&amp;xport grids…</source>
        <translation>E&amp;xport grids…</translation>
    </message>
    <message>
        <source>Import grids</source>
        <translation>Import grids</translation>
    </message>
    <message>
        <source>Grid files (*.gpkg *.shp *.geojson *.json *.kml *.csv);;All files (*)</source>
        <translation>Grid files (*.gpkg *.shp *.geojson *.json *.kml *.csv);;All files (*)</translation>
    </message>
    <message numerus="yes">
        <source>%n grid(s) of %1 brought into the draft; Undo takes them out again.</source>
        <extracomment>%1 is a file name</extracomment>
        <translation>
            <numerusform>%n grid of %1 brought into the draft; Undo takes it out again.</numerusform>
            <numerusform>%n grids of %1 brought into the draft; Undo takes them out again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n grid(s) written to %1 (%2).</source>
        <extracomment>%1 is a file name, %2 its coordinate system</extracomment>
        <translation>
            <numerusform>%n grid written to %1 (%2).</numerusform>
            <numerusform>%n grids written to %1 (%2).</numerusform>
        </translation>
    </message>
    <message>
        <source>The draft has no grids of this level to export.</source>
        <translation>The draft has no grids of this level to export.</translation>
    </message>
    <message>
        <source>Every grid in %1 is in the draft as it is already; nothing changed.</source>
        <translation>Every grid in %1 is in the draft as it is already; nothing changed.</translation>
    </message>
    <message>
        <source>The draft went to the server, which publishes it once its topology checks pass; the edition comes back with the next sync.</source>
        <translation>The draft went to the server, which publishes it once its topology checks pass; the edition comes back with the next sync.</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridExport</name>
    <message>
        <source>no details from GDAL</source>
        <translation>no details from GDAL</translation>
    </message>
    <message>
        <source>Grids can be exported in UTF-8 or GBK, not &quot;%1&quot;.</source>
        <translation>Grids can be exported in UTF-8 or GBK, not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>%1 files are always UTF-8; only shapefiles can be written in GBK.</source>
        <translation>%1 files are always UTF-8; only shapefiles can be written in GBK.</translation>
    </message>
    <message>
        <source>The coordinate system &quot;%1&quot; is not known; give an EPSG code such as EPSG:4490, a PROJ string or WKT.</source>
        <translation>The coordinate system &quot;%1&quot; is not known; give an EPSG code such as EPSG:4490, a PROJ string or WKT.</translation>
    </message>
    <message>
        <source>The coordinate system &quot;%1&quot; is neither geographic nor projected; grids need one of those.</source>
        <translation>The coordinate system &quot;%1&quot; is neither geographic nor projected; grids need one of those.</translation>
    </message>
    <message>
        <source>KML holds WGS84 longitude/latitude only, not %1; export KML without a CRS or with EPSG:4326.</source>
        <translation>KML holds WGS84 longitude/latitude only, not %1; export KML without a CRS or with EPSG:4326.</translation>
    </message>
    <message>
        <source>No conversion from WGS84 to %1 is known: %2</source>
        <translation>No conversion from WGS84 to %1 is known: %2</translation>
    </message>
    <message>
        <source>%1 is a folder; give the file to write.</source>
        <translation>%1 is a folder; give the file to write.</translation>
    </message>
    <message>
        <source>%1 cannot be written: the folder %2 does not exist.</source>
        <translation>%1 cannot be written: the folder %2 does not exist.</translation>
    </message>
    <message>
        <source>%1 already exists; choose another name or allow overwriting (--overwrite).</source>
        <translation>%1 already exists; choose another name or allow overwriting (--overwrite).</translation>
    </message>
    <message>
        <source>%1: the layer could not be created: %2</source>
        <translation>%1: the layer could not be created: %2</translation>
    </message>
    <message>
        <source>%1: the field %2 could not be created: %3</source>
        <translation>%1: the field %2 could not be created: %3</translation>
    </message>
    <message>
        <source>the grid has no boundary.</source>
        <translation>the grid has no boundary.</translation>
    </message>
    <message>
        <source>the boundary is not readable WKB.</source>
        <translation>the boundary is not readable WKB.</translation>
    </message>
    <message>
        <source>the boundary is not a polygon.</source>
        <translation>the boundary is not a polygon.</translation>
    </message>
    <message>
        <source>the boundary cannot be converted to %1 (it may lie outside the area the coordinate system covers): %2</source>
        <translation>the boundary cannot be converted to %1 (it may lie outside the area the coordinate system covers): %2</translation>
    </message>
    <message>
        <source>%1, grid %2</source>
        <translation>%1, grid %2</translation>
    </message>
    <message>
        <source>%1: could not be written: %2</source>
        <translation>%1: could not be written: %2</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 could not be written: %2</translation>
    </message>
    <message>
        <source>%1 could not be put in place: %2</source>
        <translation>%1 could not be put in place: %2</translation>
    </message>
    <message>
        <source>%1: the layer_styles table could not be created: %2</source>
        <translation>%1: the layer_styles table could not be created: %2</translation>
    </message>
    <message>
        <source>%1: the layer_styles column %2 could not be created: %3</source>
        <translation>%1: the layer_styles column %2 could not be created: %3</translation>
    </message>
    <message>
        <source>%1: the layer style could not be written: %2</source>
        <translation>%1: the layer style could not be written: %2</translation>
    </message>
    <message>
        <source>%1: the format cannot be told from the extension; use .gpkg, .shp, .geojson, .json or .kml.</source>
        <translation>%1: the format cannot be told from the extension; use .gpkg, .shp, .geojson, .json or .kml.</translation>
    </message>
    <message>
        <source>GDAL has no %1 driver on this system.</source>
        <translation>GDAL has no %1 driver on this system.</translation>
    </message>
    <message>
        <source>%1 could not be created: %2</source>
        <translation>%1 could not be created: %2</translation>
    </message>
    <message>
        <source>The encoding %1 is not available on this system.</source>
        <translation>The encoding %1 is not available on this system.</translation>
    </message>
    <message>
        <source>%1 could not be completed: %2</source>
        <translation>%1 could not be completed: %2</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 cannot be written: %2</translation>
    </message>
    <message>
        <source>the field %1 holds &quot;%2&quot;, with characters that GBK cannot hold; export in UTF-8.</source>
        <translation>the field %1 holds &quot;%2&quot;, with characters that GBK cannot hold; export in UTF-8.</translation>
    </message>
    <message>
        <source>the field %1 is %2 bytes long; a shapefile field holds %3 bytes.</source>
        <translation>the field %1 is %2 bytes long; a shapefile field holds %3 bytes.</translation>
    </message>
    <message>
        <source>%1 is a folder; an export does not replace folders.</source>
        <translation>%1 is a folder; an export does not replace folders.</translation>
    </message>
    <message>
        <source>%1 could not be replaced: %2</source>
        <translation>%1 could not be replaced: %2</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridImporter</name>
    <message>
        <source>%1 has no field &quot;%2&quot; (given with %3); its fields are: %4.</source>
        <translation>%1 has no field &quot;%2&quot; (given with %3); its fields are: %4.</translation>
    </message>
    <message>
        <source>%1, feature %2</source>
        <translation>%1, feature %2</translation>
    </message>
    <message>
        <source>%1: the code field &quot;%2&quot; is empty.</source>
        <translation>%1: the code field &quot;%2&quot; is empty.</translation>
    </message>
    <message>
        <source>%1: the code %2 is already used by feature %3.</source>
        <translation>%1: the code %2 is already used by feature %3.</translation>
    </message>
    <message>
        <source>%1: the geometry is a %2; grids must be polygons.</source>
        <translation>%1: the geometry is a %2; grids must be polygons.</translation>
    </message>
    <message>
        <source>no code</source>
        <translation>no code</translation>
    </message>
    <message>
        <source>%1 (%2): invalid polygon: %3.</source>
        <translation>%1 (%2): invalid polygon: %3.</translation>
    </message>
    <message>
        <source>%1 (%2): repaired %3.</source>
        <translation>%1 (%2): repaired %3.</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more problem(s).</source>
        <translation>
            <numerusform>… and %n more problem.</numerusform>
            <numerusform>… and %n more problems.</numerusform>
        </translation>
    </message>
    <message>
        <source>
Invalid polygons can be mended on import with --repair-invalid.</source>
        <translation>
Invalid polygons can be mended on import with --repair-invalid.</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) of %1 cannot be imported, so nothing was imported:
%2</source>
        <translation>
            <numerusform>%n feature of %1 cannot be imported, so nothing was imported:
%2</numerusform>
            <numerusform>%n features of %1 cannot be imported, so nothing was imported:
%2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, feature %2: the parent grid %3 is neither in the workspace nor in the file; import the parent level first.</source>
        <translation>%1, feature %2: the parent grid %3 is neither in the workspace nor in the file; import the parent level first.</translation>
    </message>
    <message>
        <source>%1, feature %2: the code %3 already belongs to a %4 grid in the workspace; codes must be unique across levels.</source>
        <translation>%1, feature %2: the code %3 already belongs to a %4 grid in the workspace; codes must be unique across levels.</translation>
    </message>
    <message>
        <source>%1, feature %2: the grid %3 names itself as its parent.</source>
        <translation>%1, feature %2: the grid %3 names itself as its parent.</translation>
    </message>
    <message numerus="yes">
        <source>%n parent(s) found by containment.</source>
        <translation>
            <numerusform>%n parent found by containment.</numerusform>
            <numerusform>%n parents found by containment.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) assigned to a new grid.</source>
        <translation>
            <numerusform>%n case assigned to a new grid.</numerusform>
            <numerusform>%n cases assigned to a new grid.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, feature %2: the parent grid %3 is a %4 grid; a %5 grid must have a parent of a coarser level.</source>
        <translation>%1, feature %2: the parent grid %3 is a %4 grid; a %5 grid must have a parent of a coarser level.</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridLevel</name>
    <message>
        <source>District grid</source>
        <translation>District grid</translation>
    </message>
    <message>
        <source>Street grid</source>
        <translation>Street grid</translation>
    </message>
    <message>
        <source>Community grid</source>
        <translation>Community grid</translation>
    </message>
    <message>
        <source>Base grid</source>
        <translation>Base grid</translation>
    </message>
    <message>
        <source>Fine grid</source>
        <translation>Fine grid</translation>
    </message>
    <message>
        <source>Business grid</source>
        <translation>Business grid</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridLocator</name>
    <message>
        <source>grid %1</source>
        <translation>grid %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::GroupDialog</name>
    <message>
        <source>Set up group</source>
        <translation>Set up group</translation>
    </message>
    <message>
        <source>Edit group</source>
        <translation>Edit group</translation>
    </message>
    <message>
        <source>Set up by:</source>
        <translation>Set up by:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>&amp;Remit:</source>
        <translation>&amp;Remit:</translation>
    </message>
    <message>
        <source>Member &amp;units:</source>
        <translation>Member &amp;units:</translation>
    </message>
    <message>
        <source>Member &amp;people:</source>
        <translation>Member &amp;people:</translation>
    </message>
    <message>
        <source>%1 — %2, %3</source>
        <extracomment>%1 is a person&apos;s name, %2 their post, %3 their unit&apos;s code</extracomment>
        <translation>%1 — %2, %3</translation>
    </message>
</context>
<context>
    <name>GridDesk::HistoryBuilder</name>
    <message>
        <source>Cancelled in the %1 feed (status &quot;%2&quot;).</source>
        <translation>Cancelled in the %1 feed (status &quot;%2&quot;).</translation>
    </message>
    <message>
        <source>Referred to another agency (status &quot;%1&quot; in the feed).</source>
        <translation>Referred to another agency (status &quot;%1&quot; in the feed).</translation>
    </message>
    <message>
        <source>Serviced by crew %1 of %2; the feed records no result.</source>
        <translation>Serviced by crew %1 of %2; the feed records no result.</translation>
    </message>
    <message>
        <source>Handled by %1; the feed records no result.</source>
        <translation>Handled by %1; the feed records no result.</translation>
    </message>
</context>
<context>
    <name>GridDesk::HistoryImport</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 failed: %2</translation>
    </message>
    <message>
        <source>Reading the last case id</source>
        <translation>Reading the last case id</translation>
    </message>
    <message>
        <source>Counting case events</source>
        <translation>Counting case events</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>%1 is a case&apos;s id in the imported file, %2 why a step of its history was refused</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n case history(ies) stop early because the workflow refused a step (first: %1).</source>
        <translation>
            <numerusform>%n case history stops early because the workflow refused a step (first: %1).</numerusform>
            <numerusform>%n case histories stop early because the workflow refused a step (first: %1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) already had a history that differs from what the file says; it was kept as it was.</source>
        <translation>
            <numerusform>%n case already had a history that differs from what the file says; it was kept as it was.</numerusform>
            <numerusform>%n cases already had a history that differs from what the file says; each was kept as it was.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) have no readable creation time: their history starts at the first time the file gives, or at the time of this import.</source>
        <translation>
            <numerusform>%n case has no readable creation time: its history starts at the first time the file gives, or at the time of this import.</numerusform>
            <numerusform>%n cases have no readable creation time: their history starts at the first time the file gives, or at the time of this import.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::ImportGridsDialog</name>
    <message>
        <source>&amp;Mend invalid polygons instead of refusing the file</source>
        <translation>&amp;Mend invalid polygons instead of refusing the file</translation>
    </message>
    <message>
        <source>Import grids into the draft</source>
        <translation>Import grids into the draft</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>As the file says, or detected</source>
        <translation>As the file says, or detected</translation>
    </message>
    <message>
        <source>as the file says (EPSG:4490, gcj02 … when it does not)</source>
        <translation>as the file says (EPSG:4490, gcj02 … when it does not)</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;File:</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>&amp;Level:</translation>
    </message>
    <message>
        <source>&amp;Codes in:</source>
        <translation>&amp;Codes in:</translation>
    </message>
    <message>
        <source>&amp;Names in:</source>
        <translation>&amp;Names in:</translation>
    </message>
    <message>
        <source>&amp;Parents in:</source>
        <translation>&amp;Parents in:</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>&amp;Encoding:</translation>
    </message>
    <message>
        <source>Coordinate &amp;system:</source>
        <translation>Coordinate &amp;system:</translation>
    </message>
    <message>
        <source>The grids go into the draft as one edit that can be undone; grids with codes the map has replace them.</source>
        <translation>The grids go into the draft as one edit that can be undone; grids with codes the map has replace them.</translation>
    </message>
    <message>
        <source>(make codes from the parent&apos;s)</source>
        <translation>(make codes from the parent&apos;s)</translation>
    </message>
    <message>
        <source>(the code)</source>
        <translation>(the code)</translation>
    </message>
    <message>
        <source>(the grid around it)</source>
        <translation>(the grid around it)</translation>
    </message>
    <message>
        <source>Import grids</source>
        <translation>Import grids</translation>
    </message>
    <message>
        <source>Grid files (*.gpkg *.shp *.geojson *.json *.kml *.csv);;All files (*)</source>
        <translation>Grid files (*.gpkg *.shp *.geojson *.json *.kml *.csv);;All files (*)</translation>
    </message>
</context>
<context>
    <name>GridDesk::ImportSummary</name>
    <message>
        <source>read %1, imported %2, located %3, unlocated %4, flagged %5</source>
        <translation>read %1, imported %2, located %3, unlocated %4, flagged %5</translation>
    </message>
    <message>
        <source>read %1, imported %2, located %3, unlocated %4, flagged %5, %6 events in %7 case histories</source>
        <translation>read %1, imported %2, located %3, unlocated %4, flagged %5, %6 events in %7 case histories</translation>
    </message>
</context>
<context>
    <name>GridDesk::IndicatorMap</name>
    <message>
        <source>The indicator the grids are coloured by</source>
        <translation>The indicator the grids are coloured by</translation>
    </message>
    <message>
        <source>Click a grid to open the cases behind its number in the queue</source>
        <translation>Click a grid to open the cases behind its number in the queue</translation>
    </message>
    <message>
        <source>%1, grid %2</source>
        <extracomment>%1 is an indicator, %2 a grid code</extracomment>
        <translation>%1, grid %2</translation>
    </message>
</context>
<context>
    <name>GridDesk::Intake</name>
    <message>
        <source>The alarm has %1 bytes; at most %2 are taken.</source>
        <translation>The alarm has %1 bytes; at most %2 are taken.</translation>
    </message>
    <message>
        <source>An alarm is sent as application/json, not %1.</source>
        <translation>An alarm is sent as application/json, not %1.</translation>
    </message>
    <message>
        <source>The server could not keep the alarm; send it again.</source>
        <translation>The server could not keep the alarm; send it again.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 failed: %2</translation>
    </message>
    <message>
        <source>The alarm has no &quot;%1&quot;.</source>
        <translation>The alarm has no &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The alarm&apos;s &quot;%1&quot; must be a string.</source>
        <translation>The alarm&apos;s &quot;%1&quot; must be a string.</translation>
    </message>
    <message>
        <source>The alarm&apos;s &quot;%1&quot; is empty.</source>
        <translation>The alarm&apos;s &quot;%1&quot; is empty.</translation>
    </message>
    <message>
        <source>An intake client needs a name.</source>
        <translation>An intake client needs a name.</translation>
    </message>
    <message>
        <source>The client name &quot;%1&quot; is too long, starts or ends with a space, or holds control characters.</source>
        <translation>The client name &quot;%1&quot; is too long, starts or ends with a space, or holds control characters.</translation>
    </message>
    <message>
        <source>The hotline feed is read from files and needs no client; clients are for open311 and alarm.</source>
        <translation>The hotline feed is read from files and needs no client; clients are for open311 and alarm.</translation>
    </message>
    <message>
        <source>The unit %1 is not in the server&apos;s org chart.</source>
        <translation>The unit %1 is not in the server&apos;s org chart.</translation>
    </message>
    <message>
        <source>Looking up the client</source>
        <translation>Looking up the client</translation>
    </message>
    <message>
        <source>There is already an intake client named %1.</source>
        <translation>There is already an intake client named %1.</translation>
    </message>
    <message>
        <source>Adding the client %1</source>
        <translation>Adding the client %1</translation>
    </message>
    <message>
        <source>Revoking the client %1</source>
        <translation>Revoking the client %1</translation>
    </message>
    <message>
        <source>There is no intake client named %1 whose key still works.</source>
        <translation>There is no intake client named %1 whose key still works.</translation>
    </message>
    <message>
        <source>Reading the intake clients</source>
        <translation>Reading the intake clients</translation>
    </message>
    <message>
        <source>The API key is missing, unknown or revoked.</source>
        <translation>The API key is missing, unknown or revoked.</translation>
    </message>
    <message>
        <source>Checking an API key</source>
        <translation>Checking an API key</translation>
    </message>
    <message>
        <source>Numbering a report</source>
        <translation>Numbering a report</translation>
    </message>
    <message>
        <source>Numbering a report failed.</source>
        <translation>Numbering a report failed.</translation>
    </message>
    <message numerus="yes">
        <source>The description is too long: at most %n characters.</source>
        <translation>
            <numerusform>The description is too long: at most %n character.</numerusform>
            <numerusform>The description is too long: at most %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>The location %1, %2 is not a WGS84 longitude and latitude.</source>
        <translation>The location %1, %2 is not a WGS84 longitude and latitude.</translation>
    </message>
    <message>
        <source>There is no category %1.</source>
        <translation>There is no category %1.</translation>
    </message>
    <message>
        <source>The report&apos;s id is too long.</source>
        <translation>The report&apos;s id is too long.</translation>
    </message>
    <message>
        <source>The alarm is not JSON: %1 at byte %2.</source>
        <translation>The alarm is not JSON: %1 at byte %2.</translation>
    </message>
    <message>
        <source>The alarm must be a JSON object.</source>
        <translation>The alarm must be a JSON object.</translation>
    </message>
    <message>
        <source>The alarm&apos;s device_id and type must be at most %1 characters without control characters.</source>
        <translation>The alarm&apos;s device_id and type must be at most %1 characters without control characters.</translation>
    </message>
    <message>
        <source>The alarm&apos;s &quot;level&quot; must be a whole number from 1 to 4.</source>
        <translation>The alarm&apos;s &quot;level&quot; must be a whole number from 1 to 4.</translation>
    </message>
    <message>
        <source>The alarm&apos;s &quot;location&quot; must be {&quot;lon&quot;: number, &quot;lat&quot;: number} in WGS84.</source>
        <translation>The alarm&apos;s &quot;location&quot; must be {&quot;lon&quot;: number, &quot;lat&quot;: number} in WGS84.</translation>
    </message>
    <message>
        <source>The alarm&apos;s location %1, %2 is not a WGS84 longitude and latitude.</source>
        <translation>The alarm&apos;s location %1, %2 is not a WGS84 longitude and latitude.</translation>
    </message>
    <message>
        <source>The alarm&apos;s &quot;time&quot; must be an ISO 8601 time with its offset, such as 2026-12-05T08:30:00+08:00, not &quot;%1&quot;.</source>
        <translation>The alarm&apos;s &quot;time&quot; must be an ISO 8601 time with its offset, such as 2026-12-05T08:30:00+08:00, not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The alarm&apos;s time lies more than a day ahead of the server&apos;s clock.</source>
        <translation>The alarm&apos;s time lies more than a day ahead of the server&apos;s clock.</translation>
    </message>
    <message>
        <source>The alarm&apos;s &quot;snapshot_url&quot; must be an http or https address.</source>
        <translation>The alarm&apos;s &quot;snapshot_url&quot; must be an http or https address.</translation>
    </message>
    <message>
        <source>The alarm&apos;s &quot;kind&quot; is video or sensor, not &quot;%1&quot;.</source>
        <translation>The alarm&apos;s &quot;kind&quot; is video or sensor, not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The alarm&apos;s &quot;image&quot; must be {&quot;type&quot;: &quot;image/jpeg&quot; or &quot;image/png&quot;, &quot;base64&quot;: the picture}.</source>
        <translation>The alarm&apos;s &quot;image&quot; must be {&quot;type&quot;: &quot;image/jpeg&quot; or &quot;image/png&quot;, &quot;base64&quot;: the picture}.</translation>
    </message>
    <message>
        <source>The alarm&apos;s image is not base64.</source>
        <translation>The alarm&apos;s image is not base64.</translation>
    </message>
    <message>
        <source>The alarm&apos;s image is too large: at most %1.</source>
        <translation>The alarm&apos;s image is too large: at most %1.</translation>
    </message>
    <message>
        <source>The alarm&apos;s image is not the %1 it says it is.</source>
        <translation>The alarm&apos;s image is not the %1 it says it is.</translation>
    </message>
    <message numerus="yes">
        <source>The alarm&apos;s description is too long: at most %n characters.</source>
        <translation>
            <numerusform>The alarm&apos;s description is too long: at most %n character.</numerusform>
            <numerusform>The alarm&apos;s description is too long: at most %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>The device %1 is not in the register of things; register it (its code is the device id) before it sends alarms.</source>
        <translation>The device %1 is not in the register of things; register it (its code is the device id) before it sends alarms.</translation>
    </message>
    <message>
        <source>The device %1 has no place in the register and the alarm gives none.</source>
        <translation>The device %1 has no place in the register and the alarm gives none.</translation>
    </message>
    <message>
        <source>Looking up the device&apos;s open alarm</source>
        <translation>Looking up the device&apos;s open alarm</translation>
    </message>
    <message>
        <source>Alarm %1 (level %2) from %3 %4</source>
        <translation>Alarm %1 (level %2) from %3 %4</translation>
    </message>
    <message>
        <source>Keeping the device&apos;s open alarm</source>
        <translation>Keeping the device&apos;s open alarm</translation>
    </message>
    <message>
        <source>Counting the device&apos;s alarm</source>
        <translation>Counting the device&apos;s alarm</translation>
    </message>
    <message>
        <source>Counting a refused %1 payload</source>
        <translation>Counting a refused %1 payload</translation>
    </message>
    <message>
        <source>Reading the refused payloads</source>
        <translation>Reading the refused payloads</translation>
    </message>
    <message>
        <source>The form has more than %1 fields.</source>
        <translation>The form has more than %1 fields.</translation>
    </message>
    <message>
        <source>The body is not a form (application/x-www-form-urlencoded): a part has no &quot;name=value&quot;.</source>
        <translation>The body is not a form (application/x-www-form-urlencoded): a part has no &quot;name=value&quot;.</translation>
    </message>
    <message>
        <source>The form is not UTF-8 text.</source>
        <translation>The form is not UTF-8 text.</translation>
    </message>
    <message>
        <source>The body holds no form fields.</source>
        <translation>The body holds no form fields.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a WGS84 degree from -%2 to %2.</source>
        <translation>&quot;%1&quot; must be a WGS84 degree from -%2 to %2.</translation>
    </message>
    <message>
        <source>&quot;lat&quot; and &quot;long&quot; are given together.</source>
        <translation>&quot;lat&quot; and &quot;long&quot; are given together.</translation>
    </message>
    <message>
        <source>A service request needs a location: &quot;lat&quot; and &quot;long&quot;, &quot;address_string&quot; or &quot;address_id&quot;.</source>
        <translation>A service request needs a location: &quot;lat&quot; and &quot;long&quot;, &quot;address_string&quot; or &quot;address_id&quot;.</translation>
    </message>
    <message>
        <source>&quot;media_url&quot; must be an http or https address.</source>
        <translation>&quot;media_url&quot; must be an http or https address.</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; is given twice.</source>
        <translation>The field &quot;%1&quot; is given twice.</translation>
    </message>
    <message numerus="yes">
        <source>&quot;%1&quot; has more than %n characters.</source>
        <translation>
            <numerusform>&quot;%1&quot; has more than %n character.</numerusform>
            <numerusform>&quot;%1&quot; has more than %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>An attribute code is too long.</source>
        <translation>An attribute code is too long.</translation>
    </message>
    <message>
        <source>The attribute &quot;%1&quot; is given twice; several values are sent as attribute[%1][]=….</source>
        <translation>The attribute &quot;%1&quot; is given twice; several values are sent as attribute[%1][]=….</translation>
    </message>
    <message>
        <source>The attribute &quot;%1&quot; has too many values.</source>
        <translation>The attribute &quot;%1&quot; has too many values.</translation>
    </message>
    <message numerus="yes">
        <source>A value of the attribute &quot;%1&quot; has more than %n characters.</source>
        <translation>
            <numerusform>A value of the attribute &quot;%1&quot; has more than %n character.</numerusform>
            <numerusform>A value of the attribute &quot;%1&quot; has more than %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>Attribute %1: %2</source>
        <translation>Attribute %1: %2</translation>
    </message>
    <message>
        <source>&quot;code&quot; must be a text of 1 to %1 characters.</source>
        <translation>&quot;code&quot; must be a text of 1 to %1 characters.</translation>
    </message>
    <message>
        <source>&quot;datatype&quot; is string, number, datetime, text, singlevaluelist or multivaluelist.</source>
        <translation>&quot;datatype&quot; is string, number, datetime, text, singlevaluelist or multivaluelist.</translation>
    </message>
    <message>
        <source>&quot;order&quot; must be a whole number from 1.</source>
        <translation>&quot;order&quot; must be a whole number from 1.</translation>
    </message>
    <message>
        <source>a list attribute needs &quot;values&quot;, [{&quot;key&quot;: …, &quot;name&quot;: …}].</source>
        <translation>a list attribute needs &quot;values&quot;, [{&quot;key&quot;: …, &quot;name&quot;: …}].</translation>
    </message>
    <message>
        <source>every value needs a &quot;key&quot; of its own.</source>
        <translation>every value needs a &quot;key&quot; of its own.</translation>
    </message>
    <message>
        <source>The attribute &quot;%1&quot; %2</source>
        <translation>The attribute &quot;%1&quot; %2</translation>
    </message>
    <message>
        <source>takes one value.</source>
        <translation>takes one value.</translation>
    </message>
    <message numerus="yes">
        <source>takes at most %n characters.</source>
        <translation>
            <numerusform>takes at most %n character.</numerusform>
            <numerusform>takes at most %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>takes a number, such as 12 or 3.5.</source>
        <translation>takes a number, such as 12 or 3.5.</translation>
    </message>
    <message>
        <source>takes a date and time with its offset, such as 2026-12-05T08:30:00+08:00.</source>
        <translation>takes a date and time with its offset, such as 2026-12-05T08:30:00+08:00.</translation>
    </message>
    <message>
        <source>has no choice &quot;%1&quot;.</source>
        <translation>has no choice &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The service settings must be a JSON object {&quot;attributes&quot;: […]} or a list of attributes.</source>
        <translation>The service settings must be a JSON object {&quot;attributes&quot;: […]} or a list of attributes.</translation>
    </message>
    <message>
        <source>Two attributes have the code %1.</source>
        <translation>Two attributes have the code %1.</translation>
    </message>
    <message>
        <source>An attribute is sent as attribute[CODE]=value or attribute[CODE][]=value.</source>
        <translation>An attribute is sent as attribute[CODE]=value or attribute[CODE][]=value.</translation>
    </message>
    <message>
        <source>A service request needs a &quot;service_code&quot;.</source>
        <translation>A service request needs a &quot;service_code&quot;.</translation>
    </message>
    <message>
        <source>The service %1 asks for no attribute &quot;%2&quot;.</source>
        <translation>The service %1 asks for no attribute &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>The service %1 needs the attribute &quot;%2&quot; (%3).</source>
        <translation>The service %1 needs the attribute &quot;%2&quot; (%3).</translation>
    </message>
    <message>
        <source>A query lists at most %1 service_request_id and %2 service_code.</source>
        <translation>A query lists at most %1 service_request_id and %2 service_code.</translation>
    </message>
    <message>
        <source>&quot;status&quot; is open, closed or both, comma-separated.</source>
        <translation>&quot;status&quot; is open, closed or both, comma-separated.</translation>
    </message>
    <message>
        <source>&quot;start_date&quot; and &quot;end_date&quot; are ISO 8601 times with Z or an offset, such as 2026-12-01T00:00:00Z.</source>
        <translation>&quot;start_date&quot; and &quot;end_date&quot; are ISO 8601 times with Z or an offset, such as 2026-12-01T00:00:00Z.</translation>
    </message>
    <message numerus="yes">
        <source>&quot;start_date&quot; must come before &quot;end_date&quot;, at most %n days before.</source>
        <translation>
            <numerusform>&quot;start_date&quot; must come before &quot;end_date&quot;, at most %n day before.</numerusform>
            <numerusform>&quot;start_date&quot; must come before &quot;end_date&quot;, at most %n days before.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server could not read or write its store; try again.</source>
        <translation>The server could not read or write its store; try again.</translation>
    </message>
    <message>
        <source>There is no Open311 resource %1.</source>
        <translation>There is no Open311 resource %1.</translation>
    </message>
    <message>
        <source>Ask for %1.json or %1.xml.</source>
        <translation>Ask for %1.json or %1.xml.</translation>
    </message>
    <message>
        <source>Service requests are posted to requests.json or requests.xml.</source>
        <translation>Service requests are posted to requests.json or requests.xml.</translation>
    </message>
    <message>
        <source>Post to requests.json or requests.xml.</source>
        <translation>Post to requests.json or requests.xml.</translation>
    </message>
    <message>
        <source>Ask the administrator of this GridDesk server for an API key of an Open311 client.</source>
        <translation>Ask the administrator of this GridDesk server for an API key of an Open311 client.</translation>
    </message>
    <message>
        <source>There is no jurisdiction_id %1 here.</source>
        <translation>There is no jurisdiction_id %1 here.</translation>
    </message>
    <message>
        <source>Ask for services/CODE.json or services/CODE.xml.</source>
        <translation>Ask for services/CODE.json or services/CODE.xml.</translation>
    </message>
    <message>
        <source>There is no service_code %1.</source>
        <translation>There is no service_code %1.</translation>
    </message>
    <message>
        <source>Ask for requests/ID.json or requests/ID.xml.</source>
        <translation>Ask for requests/ID.json or requests/ID.xml.</translation>
    </message>
    <message>
        <source>There is no service request %1.</source>
        <translation>There is no service request %1.</translation>
    </message>
    <message>
        <source>Looking up Open311 requests</source>
        <translation>Looking up Open311 requests</translation>
    </message>
    <message>
        <source>The request has %1 bytes; at most %2 are taken.</source>
        <translation>The request has %1 bytes; at most %2 are taken.</translation>
    </message>
    <message>
        <source>A service request is posted as application/x-www-form-urlencoded, not %1.</source>
        <translation>A service request is posted as application/x-www-form-urlencoded, not %1.</translation>
    </message>
    <message>
        <source>The api_key is missing, unknown or revoked.</source>
        <translation>The api_key is missing, unknown or revoked.</translation>
    </message>
    <message>
        <source>This api_key files requests for jurisdiction_id %1, not %2.</source>
        <translation>This api_key files requests for jurisdiction_id %1, not %2.</translation>
    </message>
    <message>
        <source>There is no service_code %1; services.json lists them.</source>
        <translation>There is no service_code %1; services.json lists them.</translation>
    </message>
    <message>
        <source>The place of this request lies outside the area this api_key files requests for.</source>
        <translation>The place of this request lies outside the area this api_key files requests for.</translation>
    </message>
    <message>
        <source>There is no category %1 to offer as an Open311 service.</source>
        <translation>There is no category %1 to offer as an Open311 service.</translation>
    </message>
    <message>
        <source>Setting the Open311 service %1</source>
        <translation>Setting the Open311 service %1</translation>
    </message>
    <message>
        <source>Clearing the Open311 service %1</source>
        <translation>Clearing the Open311 service %1</translation>
    </message>
    <message>
        <source>The Open311 service %1 has no settings.</source>
        <translation>The Open311 service %1 has no settings.</translation>
    </message>
    <message>
        <source>Reading the Open311 services</source>
        <translation>Reading the Open311 services</translation>
    </message>
</context>
<context>
    <name>GridDesk::LayoutBook</name>
    <message>
        <source>No layout is saved as &quot;%1&quot;.</source>
        <translation>No layout is saved as &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The layout &quot;%1&quot; cannot be read: %2</source>
        <extracomment>%1 is a layout name, %2 what is wrong in it</extracomment>
        <translation>The layout &quot;%1&quot; cannot be read: %2</translation>
    </message>
    <message>
        <source>A layout needs a name.</source>
        <translation>A layout needs a name.</translation>
    </message>
    <message>
        <source>A layout is already saved as &quot;%1&quot;; choose another name.</source>
        <translation>A layout is already saved as &quot;%1&quot;; choose another name.</translation>
    </message>
    <message>
        <source>The windows of the last session cannot be read: %1 at character %2</source>
        <extracomment>%1 is the parser&apos;s message, %2 a character offset</extracomment>
        <translation>The windows of the last session cannot be read: %1 at character %2</translation>
    </message>
</context>
<context>
    <name>GridDesk::LayoutsDialog</name>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Rename…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>Window layouts</source>
        <translation>Window layouts</translation>
    </message>
    <message>
        <source>The first nine layouts are switched to with Ctrl+Alt+1 … Ctrl+Alt+9.</source>
        <translation>The first nine layouts are switched to with Ctrl+Alt+1 … Ctrl+Alt+9.</translation>
    </message>
    <message>
        <source>Layout not renamed</source>
        <translation>Layout not renamed</translation>
    </message>
    <message>
        <source>Rename layout</source>
        <translation>Rename layout</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>New name:</translation>
    </message>
    <message>
        <source>Delete layout</source>
        <translation>Delete layout</translation>
    </message>
    <message>
        <source>Delete the layout &quot;%1&quot;?</source>
        <translation>Delete the layout &quot;%1&quot;?</translation>
    </message>
</context>
<context>
    <name>GridDesk::MainWindow</name>
    <message>
        <source>Case queue</source>
        <translation>Case queue</translation>
    </message>
    <message>
        <source>GridDesk</source>
        <translation>GridDesk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>&amp;Open workspace…</translation>
    </message>
    <message>
        <source>&amp;New workspace from sample</source>
        <translation>&amp;New workspace from sample</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Zoom to &amp;full extent</source>
        <translation>Zoom to &amp;full extent</translation>
    </message>
    <message>
        <source>Zoom to &amp;selection</source>
        <translation>Zoom to &amp;selection</translation>
    </message>
    <message>
        <source>&amp;Go to grid…</source>
        <translation>&amp;Go to grid…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About GridDesk</source>
        <translation>&amp;About GridDesk</translation>
    </message>
    <message>
        <source>Go to grid</source>
        <translation>Go to grid</translation>
    </message>
    <message>
        <source>Grid code or name:</source>
        <translation>Grid code or name:</translation>
    </message>
    <message>
        <source>No grid has the code or name &quot;%1&quot;.</source>
        <translation>No grid has the code or name &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>No samples found in %1</source>
        <translation>No samples found in %1</translation>
    </message>
    <message>
        <source>Another workspace is still loading.</source>
        <translation>Another workspace is still loading.</translation>
    </message>
    <message>
        <source>Creating workspace %1 from the bundled sample…</source>
        <translation>Creating workspace %1 from the bundled sample…</translation>
    </message>
    <message>
        <source>Opening workspace %1…</source>
        <translation>Opening workspace %1…</translation>
    </message>
    <message>
        <source>%1 — GridDesk</source>
        <extracomment>%1 is the workspace title, e.g. &quot;New York City&quot;</extracomment>
        <translation>%1 — GridDesk</translation>
    </message>
    <message>
        <source>%1 grids · %2 cases · %3 with a location</source>
        <translation>%1 grids · %2 cases · %3 with a location</translation>
    </message>
    <message>
        <source>Sample imported: %1 grids, %2 cases (%3 in a grid, %4 without one, %5 flagged for review).</source>
        <extracomment>%1 grids, %2 cases, %3 cases in a grid, %4 without one, %5 flagged</extracomment>
        <translation>Sample imported: %1 grids, %2 cases (%3 in a grid, %4 without one, %5 flagged for review).</translation>
    </message>
    <message>
        <source>Workspace not opened</source>
        <translation>Workspace not opened</translation>
    </message>
    <message>
        <source>The workspace could not be opened.</source>
        <translation>The workspace could not be opened.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1 is a grid name, %2 its code</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Open workspace</translation>
    </message>
    <message>
        <source>GridDesk workspaces (*.gpkg)</source>
        <translation>GridDesk workspaces (*.gpkg)</translation>
    </message>
    <message>
        <source>New workspace from sample</source>
        <translation>New workspace from sample</translation>
    </message>
    <message>
        <source>New workspace</source>
        <translation>New workspace</translation>
    </message>
    <message>
        <source>%1 is open now; choose another file.</source>
        <translation>%1 is open now; choose another file.</translation>
    </message>
    <message>
        <source>&lt;h3&gt;GridDesk %1&lt;/h3&gt;&lt;p&gt;Workstation for city grid governance.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;GridDesk %1&lt;/h3&gt;&lt;p&gt;Workstation for city grid governance.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About GridDesk</source>
        <translation>About GridDesk</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Case actions</source>
        <translation>Case actions</translation>
    </message>
    <message>
        <source>&amp;Find in queue</source>
        <translation>&amp;Find in queue</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Queue</translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation>&amp;Case</translation>
    </message>
    <message>
        <source>Not acting as anyone – choose a user</source>
        <translation>Not acting as anyone – choose a user</translation>
    </message>
    <message>
        <source>Acting as %1 (%2)</source>
        <extracomment>%1 is a person, %2 their role, %3 their unit, as shown in the status bar</extracomment>
        <translation>Acting as %1 (%2)</translation>
    </message>
    <message>
        <source>Acting as %1 (%2, %3)</source>
        <translation>Acting as %1 (%2, %3)</translation>
    </message>
    <message>
        <source>Who the desk acts as; click to run as someone else</source>
        <translation>Who the desk acts as; click to run as someone else</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>&amp;Workflow setup…</source>
        <translation>&amp;Workflow setup…</translation>
    </message>
    <message>
        <source>&amp;Map</source>
        <translation>&amp;Map</translation>
    </message>
    <message>
        <source>&amp;Organisation</source>
        <translation>&amp;Organisation</translation>
    </message>
    <message>
        <source>&amp;Org chart…</source>
        <translation>&amp;Org chart…</translation>
    </message>
    <message>
        <source>Org chart</source>
        <translation>Org chart</translation>
    </message>
    <message>
        <source>The org chart of this workspace cannot be opened: %1</source>
        <translation>The org chart of this workspace cannot be opened: %1</translation>
    </message>
    <message>
        <source>The desk still works with the units it had: %1</source>
        <translation>The desk still works with the units it had: %1</translation>
    </message>
    <message>
        <source>The desk works with the saved org chart.</source>
        <translation>The desk works with the saved org chart.</translation>
    </message>
    <message>
        <source>&amp;Standard system…</source>
        <translation>&amp;Standard system…</translation>
    </message>
    <message>
        <source>Standard system</source>
        <translation>Standard system</translation>
    </message>
    <message>
        <source>The standards tree of this workspace cannot be opened: %1</source>
        <translation>The standards tree of this workspace cannot be opened: %1</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Sync</translation>
    </message>
    <message numerus="yes">
        <source>%n new grid edition(s) came from the server; the map shows them now.</source>
        <extracomment>%n is how many grid editions came from the server</extracomment>
        <translation>
            <numerusform>%n new grid edition came from the server; the map shows it now.</numerusform>
            <numerusform>%n new grid editions came from the server; the map shows them now.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Evaluation…</source>
        <translation>&amp;Evaluation…</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <source>The evaluation of this workspace cannot be opened: %1</source>
        <translation>The evaluation of this workspace cannot be opened: %1</translation>
    </message>
    <message>
        <source>Grid register</source>
        <translation>Grid register</translation>
    </message>
    <message>
        <source>Revision %1 of the org chart came from the server; the desk works with it now.</source>
        <extracomment>%1 is the server&apos;s revision number of the org chart</extracomment>
        <translation>Revision %1 of the org chart came from the server; the desk works with it now.</translation>
    </message>
    <message>
        <source>&amp;Patrols…</source>
        <translation>&amp;Patrols…</translation>
    </message>
    <message>
        <source>Patrols</source>
        <translation>Patrols</translation>
    </message>
    <message>
        <source>case %1, found on a patrol</source>
        <translation>case %1, found on a patrol</translation>
    </message>
    <message>
        <source>The patrols of this workspace cannot be shown: %1</source>
        <translation>The patrols of this workspace cannot be shown: %1</translation>
    </message>
    <message>
        <source>This case is not on the map: it has no location.</source>
        <translation>This case is not on the map: it has no location.</translation>
    </message>
    <message>
        <source>&amp;Window</source>
        <translation>&amp;Window</translation>
    </message>
</context>
<context>
    <name>GridDesk::MapCanvas</name>
    <message>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>No workspace is open.</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <extracomment>Longitude and latitude of the mouse cursor, in degrees</extracomment>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>GridDesk::MapScene</name>
    <message>
        <source>grid %1</source>
        <translation>grid %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::Org</name>
    <message>
        <source>Base grid %1 %2 has no information collector.</source>
        <translation>Base grid %1 %2 has no information collector.</translation>
    </message>
    <message>
        <source>Base grid %1 %2 has no grid supervisor.</source>
        <translation>Base grid %1 %2 has no grid supervisor.</translation>
    </message>
    <message>
        <source>Unit %1 %2 has nobody in a decision or management post.</source>
        <translation>Unit %1 %2 has nobody in a decision or management post.</translation>
    </message>
    <message>
        <source>%1 (person %2) is assigned to grid %3, outside the jurisdiction of unit %4.</source>
        <translation>%1 (person %2) is assigned to grid %3, outside the jurisdiction of unit %4.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 cannot be read: %2</translation>
    </message>
    <message>
        <source>%1 has no %2 file.</source>
        <translation>%1 has no %2 file.</translation>
    </message>
    <message>
        <source>%1 needs the columns code, name and %2.</source>
        <translation>%1 needs the columns code, name and %2.</translation>
    </message>
    <message>
        <source>%1, line %2: too few fields.</source>
        <translation>%1, line %2: too few fields.</translation>
    </message>
    <message numerus="yes">
        <source>The street files cover %n cities; choose one with a root code.</source>
        <translation>
            <numerusform>The street files cover %n city; choose one with a root code.</numerusform>
            <numerusform>The street files cover %n cities; choose one with a root code.</numerusform>
        </translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a division code of 4, 6, 9 or 12 digits.</source>
        <translation>&quot;%1&quot; is not a division code of 4, 6, 9 or 12 digits.</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 is not a folder.</translation>
    </message>
    <message>
        <source>cities.csv has no city %1.</source>
        <translation>cities.csv has no city %1.</translation>
    </message>
    <message>
        <source>The divisions have no code %1.</source>
        <translation>The divisions have no code %1.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 failed: %2</translation>
    </message>
    <message>
        <source>%1 %2 (tier %3)</source>
        <translation>%1 %2 (tier %3)</translation>
    </message>
    <message>
        <source>Reading org units</source>
        <translation>Reading org units</translation>
    </message>
    <message>
        <source>Reading people</source>
        <translation>Reading people</translation>
    </message>
    <message>
        <source>Clearing %1</source>
        <translation>Clearing %1</translation>
    </message>
    <message>
        <source>Saving org unit %1</source>
        <translation>Saving org unit %1</translation>
    </message>
    <message>
        <source>Saving person %1</source>
        <translation>Saving person %1</translation>
    </message>
    <message>
        <source>A unit needs a code without spaces.</source>
        <translation>A unit needs a code without spaces.</translation>
    </message>
    <message>
        <source>Unit %1 has tier %2; tiers run from 1 to 6.</source>
        <translation>Unit %1 has tier %2; tiers run from 1 to 6.</translation>
    </message>
    <message>
        <source>Unit %1 names parent %2, which is not in the chart.</source>
        <translation>Unit %1 names parent %2, which is not in the chart.</translation>
    </message>
    <message>
        <source>%1 cannot sit under %2: that unit is retired.</source>
        <translation>%1 cannot sit under %2: that unit is retired.</translation>
    </message>
    <message>
        <source>%1 cannot sit under %2, which lies within it.</source>
        <translation>%1 cannot sit under %2, which lies within it.</translation>
    </message>
    <message>
        <source>%1 cannot sit under %2: a unit&apos;s tier must be below its parent&apos;s (tiers may be skipped, never inverted).</source>
        <translation>%1 cannot sit under %2: a unit&apos;s tier must be below its parent&apos;s (tiers may be skipped, never inverted).</translation>
    </message>
    <message>
        <source>The chart already has a unit %1.</source>
        <translation>The chart already has a unit %1.</translation>
    </message>
    <message>
        <source>The chart has no unit %1.</source>
        <translation>The chart has no unit %1.</translation>
    </message>
    <message>
        <source>%1 cannot be merged into %2, which lies within it.</source>
        <translation>%1 cannot be merged into %2, which lies within it.</translation>
    </message>
    <message>
        <source>%1 cannot be merged into %2: that unit is retired.</source>
        <translation>%1 cannot be merged into %2: that unit is retired.</translation>
    </message>
    <message>
        <source>%1 cannot be merged into %2: its unit %3 would sit under a unit of its own tier or below.</source>
        <translation>%1 cannot be merged into %2: its unit %3 would sit under a unit of its own tier or below.</translation>
    </message>
    <message>
        <source>%1 still has %2 active unit(s) and %3 person(s); move or merge them first.</source>
        <translation>%1 still has %2 active unit(s) and %3 person(s); move or merge them first.</translation>
    </message>
    <message>
        <source>A person needs a name.</source>
        <translation>A person needs a name.</translation>
    </message>
    <message>
        <source>Unknown post &quot;%1&quot;; use one of %2.</source>
        <translation>Unknown post &quot;%1&quot;; use one of %2.</translation>
    </message>
    <message>
        <source>Person %1 names unit %2, which is not in the chart.</source>
        <translation>Person %1 names unit %2, which is not in the chart.</translation>
    </message>
    <message>
        <source>Person %1 cannot join %2: that unit is retired.</source>
        <translation>Person %1 cannot join %2: that unit is retired.</translation>
    </message>
    <message>
        <source>The file has no column %1; its header must name %2.</source>
        <translation>The file has no column %1; its header must name %2.</translation>
    </message>
    <message>
        <source>the tier must be a number from 1 to 6.</source>
        <translation>the tier must be a number from 1 to 6.</translation>
    </message>
    <message>
        <source>the kind must be tier or joint.</source>
        <translation>the kind must be tier or joint.</translation>
    </message>
    <message>
        <source>retired must be 0 or 1.</source>
        <translation>retired must be 0 or 1.</translation>
    </message>
    <message>
        <source>the id must be a positive number.</source>
        <translation>the id must be a positive number.</translation>
    </message>
    <message>
        <source>A quoted field starting on line %1 is never closed.</source>
        <translation>A quoted field starting on line %1 is never closed.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>The file is empty.</translation>
    </message>
    <message>
        <source>The role &quot;%1&quot; may not see personal numbers.</source>
        <translation>The role &quot;%1&quot; may not see personal numbers.</translation>
    </message>
    <message>
        <source>A reveal needs the name of who asks.</source>
        <translation>A reveal needs the name of who asks.</translation>
    </message>
    <message>
        <source>A reveal needs a reason: say why the number is needed.</source>
        <translation>A reveal needs a reason: say why the number is needed.</translation>
    </message>
    <message>
        <source>The reveal could not be recorded: %1</source>
        <translation>The reveal could not be recorded: %1</translation>
    </message>
    <message>
        <source>Reading the reveal log failed: %1</source>
        <translation>Reading the reveal log failed: %1</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Management</source>
        <translation>Management</translation>
    </message>
    <message>
        <source>General management</source>
        <translation>General management</translation>
    </message>
    <message>
        <source>Grid supervisor</source>
        <translation>Grid supervisor</translation>
    </message>
    <message>
        <source>Grid patroller</source>
        <translation>Grid patroller</translation>
    </message>
    <message>
        <source>Information collector</source>
        <translation>Information collector</translation>
    </message>
    <message>
        <source>Grid head</source>
        <translation>Grid head</translation>
    </message>
    <message>
        <source>Grid assistant</source>
        <translation>Grid assistant</translation>
    </message>
    <message>
        <source>Joint-handling staff</source>
        <translation>Joint-handling staff</translation>
    </message>
    <message>
        <source>Co-governance staff</source>
        <translation>Co-governance staff</translation>
    </message>
    <message>
        <source>Big-data staff</source>
        <translation>Big-data staff</translation>
    </message>
    <message>
        <source>The units of a boundary file need a tier from 1 to 6, not %1.</source>
        <translation>The units of a boundary file need a tier from 1 to 6, not %1.</translation>
    </message>
    <message>
        <source>Name the field that holds the units&apos; codes.</source>
        <translation>Name the field that holds the units&apos; codes.</translation>
    </message>
    <message>
        <source>Give the units&apos; parent either as a field or as a root unit, not both.</source>
        <translation>Give the units&apos; parent either as a field or as a root unit, not both.</translation>
    </message>
    <message>
        <source>%1 has no field &quot;%2&quot; to take the units&apos; codes from; its fields are: %3.</source>
        <translation>%1 has no field &quot;%2&quot; to take the units&apos; codes from; its fields are: %3.</translation>
    </message>
    <message>
        <source>%1 has no field &quot;%2&quot; to take the units&apos; names from; its fields are: %3.</source>
        <translation>%1 has no field &quot;%2&quot; to take the units&apos; names from; its fields are: %3.</translation>
    </message>
    <message>
        <source>%1 has no field &quot;%2&quot; to take the units&apos; parents from; give a field, FIELD/N or left(FIELD,N) with one of its fields: %3.</source>
        <translation>%1 has no field &quot;%2&quot; to take the units&apos; parents from; give a field, FIELD/N or left(FIELD,N) with one of its fields: %3.</translation>
    </message>
    <message>
        <source>The parent expression &quot;%1&quot; needs a number of 1 or more.</source>
        <translation>The parent expression &quot;%1&quot; needs a number of 1 or more.</translation>
    </message>
    <message>
        <source>Units of tier %1 cannot sit under %2 %3, which has tier %4; tiers may be skipped, never inverted.</source>
        <translation>Units of tier %1 cannot sit under %2 %3, which has tier %4; tiers may be skipped, never inverted.</translation>
    </message>
    <message>
        <source>Units of tier 1 cannot sit under a root unit; leave the root out.</source>
        <translation>Units of tier 1 cannot sit under a root unit; leave the root out.</translation>
    </message>
    <message>
        <source>the parent field &quot;%1&quot; is empty.</source>
        <translation>the parent field &quot;%1&quot; is empty.</translation>
    </message>
    <message>
        <source>the parent field &quot;%1&quot; holds &quot;%2&quot;, which is not a whole number to divide by %3.</source>
        <translation>the parent field &quot;%1&quot; holds &quot;%2&quot;, which is not a whole number to divide by %3.</translation>
    </message>
    <message>
        <source>%1
The first text that is not UTF-8: %2</source>
        <translation>%1
The first text that is not UTF-8: %2</translation>
    </message>
    <message>
        <source>the code field &quot;%1&quot; is empty; a unit needs a code.</source>
        <translation>the code field &quot;%1&quot; is empty; a unit needs a code.</translation>
    </message>
    <message>
        <source>code %1 is already used by feature %2.</source>
        <translation>code %1 is already used by feature %2.</translation>
    </message>
    <message>
        <source>code %1: %2</source>
        <translation>code %1: %2</translation>
    </message>
    <message>
        <source>code %1: its parent %2 is not in the chart; import the units of the level above first.</source>
        <translation>code %1: its parent %2 is not in the chart; import the units of the level above first.</translation>
    </message>
    <message>
        <source>%1 has no features to make units from.</source>
        <translation>%1 has no features to make units from.</translation>
    </message>
    <message>
        <source>Leading group</source>
        <translation>Leading group</translation>
    </message>
    <message>
        <source>Coordination group</source>
        <translation>Coordination group</translation>
    </message>
    <message>
        <source>Reading org groups</source>
        <translation>Reading org groups</translation>
    </message>
    <message>
        <source>The org chart was saved elsewhere since it was opened here (saved %1 time(s) now, %2 when opened). Reload it and make the changes again.</source>
        <translation>The org chart was saved elsewhere since it was opened here (saved %1 time(s) now, %2 when opened). Reload it and make the changes again.</translation>
    </message>
    <message>
        <source>Saving group %1</source>
        <translation>Saving group %1</translation>
    </message>
    <message>
        <source>Recording the org chart&apos;s history</source>
        <translation>Recording the org chart&apos;s history</translation>
    </message>
    <message>
        <source>Reading the org chart&apos;s history</source>
        <translation>Reading the org chart&apos;s history</translation>
    </message>
    <message>
        <source>Unit %1 needs a name.</source>
        <translation>Unit %1 needs a name.</translation>
    </message>
    <message>
        <source>%1 is not a joint-handling unit, so it cannot be linked to other units.</source>
        <translation>%1 is not a joint-handling unit, so it cannot be linked to other units.</translation>
    </message>
    <message>
        <source>%1 is linked to unit %2, which is not in the chart.</source>
        <translation>%1 is linked to unit %2, which is not in the chart.</translation>
    </message>
    <message>
        <source>%1 can be linked only to units of the tiers, not to %2.</source>
        <translation>%1 can be linked only to units of the tiers, not to %2.</translation>
    </message>
    <message>
        <source>%1 cannot be linked to %2: that unit is retired.</source>
        <translation>%1 cannot be linked to %2: that unit is retired.</translation>
    </message>
    <message>
        <source>added %1</source>
        <translation>added %1</translation>
    </message>
    <message>
        <source>name %1 → %2</source>
        <translation>name %1 → %2</translation>
    </message>
    <message>
        <source>tier %1 → %2</source>
        <translation>tier %1 → %2</translation>
    </message>
    <message>
        <source>parent %1 → %2</source>
        <translation>parent %1 → %2</translation>
    </message>
    <message>
        <source>kind %1 → %2</source>
        <translation>kind %1 → %2</translation>
    </message>
    <message>
        <source>contact %1 → %2</source>
        <translation>contact %1 → %2</translation>
    </message>
    <message>
        <source>jurisdiction %1 → %2</source>
        <translation>jurisdiction %1 → %2</translation>
    </message>
    <message>
        <source>departments %1 → %2</source>
        <translation>departments %1 → %2</translation>
    </message>
    <message>
        <source>linked units %1 → %2</source>
        <translation>linked units %1 → %2</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>retired</translation>
    </message>
    <message>
        <source>back in service</source>
        <translation>back in service</translation>
    </message>
    <message>
        <source>moved from %1 to %2</source>
        <translation>moved from %1 to %2</translation>
    </message>
    <message>
        <source>the top</source>
        <translation>the top</translation>
    </message>
    <message>
        <source>%1 merged into %2: %3 unit(s) and %4 person(s) moved</source>
        <translation>%1 merged into %2: %3 unit(s) and %4 person(s) moved</translation>
    </message>
    <message>
        <source>retired %1</source>
        <translation>retired %1</translation>
    </message>
    <message>
        <source>added %1 (%2) in %3</source>
        <translation>added %1 (%2) in %3</translation>
    </message>
    <message>
        <source>post %1 → %2</source>
        <translation>post %1 → %2</translation>
    </message>
    <message>
        <source>unit %1 → %2</source>
        <translation>unit %1 → %2</translation>
    </message>
    <message>
        <source>grids %1 → %2</source>
        <translation>grids %1 → %2</translation>
    </message>
    <message>
        <source>phone changed</source>
        <translation>phone changed</translation>
    </message>
    <message>
        <source>ID number changed</source>
        <translation>ID number changed</translation>
    </message>
    <message>
        <source>left the organisation</source>
        <translation>left the organisation</translation>
    </message>
    <message>
        <source>A group needs a name.</source>
        <translation>A group needs a name.</translation>
    </message>
    <message>
        <source>Group %1 names unit %2, which is not in the chart.</source>
        <translation>Group %1 names unit %2, which is not in the chart.</translation>
    </message>
    <message>
        <source>Group %1 cannot be set up by %2: that unit is retired.</source>
        <translation>Group %1 cannot be set up by %2: that unit is retired.</translation>
    </message>
    <message>
        <source>Group %1 names member unit %2, which is not in the chart.</source>
        <translation>Group %1 names member unit %2, which is not in the chart.</translation>
    </message>
    <message>
        <source>Group %1 names member %2, who is not in the chart.</source>
        <translation>Group %1 names member %2, who is not in the chart.</translation>
    </message>
    <message>
        <source>set up %1 &quot;%2&quot; with %3 unit(s) and %4 person(s)</source>
        <translation>set up %1 &quot;%2&quot; with %3 unit(s) and %4 person(s)</translation>
    </message>
    <message>
        <source>changed %1 &quot;%2&quot;: %3 unit(s) and %4 person(s)</source>
        <translation>changed %1 &quot;%2&quot;: %3 unit(s) and %4 person(s)</translation>
    </message>
    <message>
        <source>The chart has no group %1.</source>
        <translation>The chart has no group %1.</translation>
    </message>
    <message>
        <source>dissolved %1 &quot;%2&quot;</source>
        <translation>dissolved %1 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>City supervision centre</source>
        <translation>City supervision centre</translation>
    </message>
    <message>
        <source>District command centre</source>
        <translation>District command centre</translation>
    </message>
    <message>
        <source>Street sub-centre</source>
        <translation>Street sub-centre</translation>
    </message>
    <message>
        <source>Community workstation</source>
        <translation>Community workstation</translation>
    </message>
    <message>
        <source>Business department</source>
        <translation>Business department</translation>
    </message>
    <message>
        <source>Tier %1</source>
        <translation>Tier %1</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>Moved</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Merged</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>Retired</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Unit %1 %2 names parent %3, which is not in the chart; move it under a unit of the chart or to the top.</source>
        <translation>Unit %1 %2 names parent %3, which is not in the chart; move it under a unit of the chart or to the top.</translation>
    </message>
    <message>
        <source>Unit %1 %2 lies within itself: its parents, from %3 on, go round in a circle; move one of them to the top or under another unit.</source>
        <translation>Unit %1 %2 lies within itself: its parents, from %3 on, go round in a circle; move one of them to the top or under another unit.</translation>
    </message>
    <message>
        <source>%1 (person %2) belongs to unit %3, which is not in the chart; give them a unit of the chart.</source>
        <translation>%1 (person %2) belongs to unit %3, which is not in the chart; give them a unit of the chart.</translation>
    </message>
    <message>
        <source>%1, line %2: &quot;%3&quot; is not a division code of 4, 6, 9 or 12 digits.</source>
        <translation>%1, line %2: &quot;%3&quot; is not a division code of 4, 6, 9 or 12 digits.</translation>
    </message>
    <message>
        <source>%1, line %2: %3 %4 lies under %5, which the division files do not have; nothing was imported.</source>
        <translation>%1, line %2: %3 %4 lies under %5, which the division files do not have; nothing was imported.</translation>
    </message>
    <message>
        <source>The unit code &quot;%1&quot; holds a space, a line break or &quot;;&quot;; a code must be one word.</source>
        <translation>The unit code &quot;%1&quot; holds a space, a line break or &quot;;&quot;; a code must be one word.</translation>
    </message>
    <message>
        <source>Unit %1 cannot sit under itself.</source>
        <translation>Unit %1 cannot sit under itself.</translation>
    </message>
    <message>
        <source>%1 cannot be merged into %2: it is retired already.</source>
        <translation>%1 cannot be merged into %2: it is retired already.</translation>
    </message>
    <message>
        <source>%1 is retired already, since %2.</source>
        <translation>%1 is retired already, since %2.</translation>
    </message>
    <message>
        <source>Person %1 cannot be given an id: the highest id there is is taken already.</source>
        <translation>Person %1 cannot be given an id: the highest id there is is taken already.</translation>
    </message>
    <message>
        <source>Line %1 holds text that is not UTF-8; save the file as UTF-8 (for example from a spreadsheet&apos;s &quot;CSV UTF-8&quot; format) and import it again.</source>
        <translation>Line %1 holds text that is not UTF-8; save the file as UTF-8 (for example from a spreadsheet&apos;s &quot;CSV UTF-8&quot; format) and import it again.</translation>
    </message>
    <message>
        <source>the id %1 is already used on line %2 of this file.</source>
        <translation>the id %1 is already used on line %2 of this file.</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Removed</translation>
    </message>
    <message>
        <source>The chart names unit %1 twice.</source>
        <translation>The chart names unit %1 twice.</translation>
    </message>
    <message>
        <source>Person %1 has id %2, which is not a free id above 0.</source>
        <translation>Person %1 has id %2, which is not a free id above 0.</translation>
    </message>
    <message>
        <source>Group %1 has id %2, which is not a free id above 0.</source>
        <translation>Group %1 has id %2, which is not a free id above 0.</translation>
    </message>
    <message>
        <source>removed %1</source>
        <translation>removed %1</translation>
    </message>
    <message>
        <source>device %1</source>
        <extracomment>%1 is the id of the phone or app a citizen reported from</extracomment>
        <translation>device %1</translation>
    </message>
    <message>
        <source>account %1</source>
        <extracomment>%1 is the citizen&apos;s account in the reporting app</extracomment>
        <translation>account %1</translation>
    </message>
    <message>
        <source>The role &quot;%1&quot; may not see a reporter&apos;s contact.</source>
        <translation>The role &quot;%1&quot; may not see a reporter&apos;s contact.</translation>
    </message>
    <message>
        <source>A reveal needs a reason: say why the reporter&apos;s contact is needed.</source>
        <translation>A reveal needs a reason: say why the reporter&apos;s contact is needed.</translation>
    </message>
</context>
<context>
    <name>GridDesk::OrgDiagram</name>
    <message>
        <source>Org chart</source>
        <translation>Org chart</translation>
    </message>
    <message>
        <source>%1 cannot move under %2, which lies within it.</source>
        <translation>%1 cannot move under %2, which lies within it.</translation>
    </message>
    <message>
        <source>%1 cannot move under %2: that unit is retired.</source>
        <translation>%1 cannot move under %2: that unit is retired.</translation>
    </message>
    <message>
        <source>%1 (%2) cannot move under %3 (%4): a unit&apos;s tier must be below its parent&apos;s. Tiers may be skipped, never inverted.</source>
        <extracomment>%1 and %3 are unit names, %2 and %4 their tiers (&quot;Street sub-centre&quot; …)</extracomment>
        <translation>%1 (%2) cannot move under %3 (%4): a unit&apos;s tier must be below its parent&apos;s. Tiers may be skipped, never inverted.</translation>
    </message>
    <message>
        <source>%1 already sits under %2.</source>
        <translation>%1 already sits under %2.</translation>
    </message>
    <message>
        <source>Move %1 under %2</source>
        <translation>Move %1 under %2</translation>
    </message>
    <message>
        <source>Joint handling</source>
        <translation>Joint handling</translation>
    </message>
    <message>
        <source>%1, retired</source>
        <translation>%1, retired</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <extracomment>how many active people an org unit has, drawn small in its box</extracomment>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::OrgDocument</name>
    <message>
        <source>Read only: the desk acts as nobody. Choose a user to edit the org chart.</source>
        <translation>Read only: the desk acts as nobody. Choose a user to edit the org chart.</translation>
    </message>
    <message>
        <source>Read only: %1 acts in the role &quot;%2&quot;; only leaders, supervisors and administrators change the org chart.</source>
        <extracomment>%1 is a person, %2 their role key</extracomment>
        <translation>Read only: %1 acts in the role &quot;%2&quot;; only leaders, supervisors and administrators change the org chart.</translation>
    </message>
    <message>
        <source>This org chart has no workspace to be saved in.</source>
        <translation>This org chart has no workspace to be saved in.</translation>
    </message>
    <message>
        <source>This org chart has no workspace to be read from.</source>
        <translation>This org chart has no workspace to be read from.</translation>
    </message>
    <message>
        <source>The chart has no person %1.</source>
        <translation>The chart has no person %1.</translation>
    </message>
    <message>
        <source>Numbers are revealed only in a workspace, where the reveal is recorded.</source>
        <translation>Numbers are revealed only in a workspace, where the reveal is recorded.</translation>
    </message>
    <message>
        <source>the top</source>
        <translation>the top</translation>
    </message>
    <message>
        <source>Move %1 under %2</source>
        <extracomment>%1 is one or more unit codes, %2 the new parent&apos;s code</extracomment>
        <translation>Move %1 under %2</translation>
    </message>
</context>
<context>
    <name>GridDesk::OrgEdit</name>
    <message>
        <source>Joint-handling unit</source>
        <translation>Joint-handling unit</translation>
    </message>
    <message>
        <source>Tier unit</source>
        <translation>Tier unit</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1 is an org unit&apos;s name, %2 its code</extracomment>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>GridDesk::OrgEditor</name>
    <message>
        <source>Find a unit or person (Enter for the next match)</source>
        <translation>Find a unit or person (Enter for the next match)</translation>
    </message>
    <message>
        <source>Org chart</source>
        <translation>Org chart</translation>
    </message>
    <message>
        <source>People</source>
        <translation>People</translation>
    </message>
    <message>
        <source>Coverage findings</source>
        <translation>Coverage findings</translation>
    </message>
    <message>
        <source>(the chart as saved)</source>
        <translation>(the chart as saved)</translation>
    </message>
    <message>
        <source>Edit history</source>
        <translation>Edit history</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>&amp;Reload from the workspace</source>
        <translation>&amp;Reload from the workspace</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>Add &amp;unit…</source>
        <translation>Add &amp;unit…</translation>
    </message>
    <message>
        <source>Add &amp;joint-handling unit…</source>
        <translation>Add &amp;joint-handling unit…</translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation>Re&amp;name</translation>
    </message>
    <message>
        <source>&amp;Move to…</source>
        <translation>&amp;Move to…</translation>
    </message>
    <message>
        <source>Mer&amp;ge into…</source>
        <translation>Mer&amp;ge into…</translation>
    </message>
    <message>
        <source>Re&amp;tire unit</source>
        <translation>Re&amp;tire unit</translation>
    </message>
    <message>
        <source>Add &amp;person…</source>
        <translation>Add &amp;person…</translation>
    </message>
    <message>
        <source>&amp;Edit person…</source>
        <translation>&amp;Edit person…</translation>
    </message>
    <message>
        <source>Person &amp;leaves</source>
        <translation>Person &amp;leaves</translation>
    </message>
    <message>
        <source>Reveal &amp;phone number…</source>
        <translation>Reveal &amp;phone number…</translation>
    </message>
    <message>
        <source>Reveal &amp;ID number…</source>
        <translation>Reveal &amp;ID number…</translation>
    </message>
    <message>
        <source>Set up &amp;group…</source>
        <translation>Set up &amp;group…</translation>
    </message>
    <message>
        <source>Edit g&amp;roup…</source>
        <translation>Edit g&amp;roup…</translation>
    </message>
    <message>
        <source>&amp;Dissolve group</source>
        <translation>&amp;Dissolve group</translation>
    </message>
    <message>
        <source>Import &amp;division codes…</source>
        <translation>Import &amp;division codes…</translation>
    </message>
    <message>
        <source>Import &amp;units (CSV)…</source>
        <translation>Import &amp;units (CSV)…</translation>
    </message>
    <message>
        <source>Import &amp;people (CSV)…</source>
        <translation>Import &amp;people (CSV)…</translation>
    </message>
    <message>
        <source>E&amp;xport units (CSV)…</source>
        <translation>E&amp;xport units (CSV)…</translation>
    </message>
    <message>
        <source>Export p&amp;eople (CSV)…</source>
        <translation>Export p&amp;eople (CSV)…</translation>
    </message>
    <message>
        <source>Show &amp;retired units</source>
        <translation>Show &amp;retired units</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>&amp;Unit</translation>
    </message>
    <message>
        <source>&amp;People</source>
        <translation>&amp;People</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>Not changed</translation>
    </message>
    <message>
        <source>Not moved</source>
        <translation>Not moved</translation>
    </message>
    <message>
        <source>Org chart — %1[*]</source>
        <extracomment>%1 is the workspace&apos;s name; [*] marks unsaved changes</extracomment>
        <translation>Org chart — %1[*]</translation>
    </message>
    <message>
        <source>no workspace</source>
        <translation>no workspace</translation>
    </message>
    <message numerus="yes">
        <source>Coverage findings (%n)</source>
        <translation>
            <numerusform>Coverage findings (%n)</numerusform>
            <numerusform>Coverage findings (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Grid %1 has no unit of its own; assign staff to it from its unit&apos;s people.</source>
        <translation>Grid %1 has no unit of its own; assign staff to it from its unit&apos;s people.</translation>
    </message>
    <message>
        <source>No unit or person matches &quot;%1&quot;.</source>
        <translation>No unit or person matches &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Match %1 of %2 for &quot;%3&quot;; Enter for the next.</source>
        <extracomment>%1 of %2 matches; the search text is %3</extracomment>
        <translation>Match %1 of %2 for &quot;%3&quot;; Enter for the next.</translation>
    </message>
    <message>
        <source>Org chart saved.</source>
        <translation>Org chart saved.</translation>
    </message>
    <message>
        <source>Org chart not saved</source>
        <translation>Org chart not saved</translation>
    </message>
    <message>
        <source>Org chart saved elsewhere</source>
        <translation>Org chart saved elsewhere</translation>
    </message>
    <message>
        <source>Someone else saved the org chart of this workspace after you opened it, so your changes were not saved.</source>
        <translation>Someone else saved the org chart of this workspace after you opened it, so your changes were not saved.</translation>
    </message>
    <message numerus="yes">
        <source>Reload and drop my %n unsaved change(s)</source>
        <translation>
            <numerusform>Reload and drop my %n unsaved change</numerusform>
            <numerusform>Reload and drop my %n unsaved changes</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Keep editing</translation>
    </message>
    <message>
        <source>Org chart not reloaded</source>
        <translation>Org chart not reloaded</translation>
    </message>
    <message>
        <source>The org chart was reloaded as it was saved elsewhere.</source>
        <translation>The org chart was reloaded as it was saved elsewhere.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message numerus="yes">
        <source>The org chart has %n unsaved change(s). Save them before closing?</source>
        <translation>
            <numerusform>The org chart has %n unsaved change. Save it before closing?</numerusform>
            <numerusform>The org chart has %n unsaved changes. Save them before closing?</numerusform>
        </translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <extracomment>%1 is a line number of the imported file, %2 why the row was refused</extracomment>
        <translation>Line %1: %2</translation>
    </message>
    <message>
        <source>Add %1</source>
        <extracomment>%1 is the new unit&apos;s name and code</extracomment>
        <translation>Add %1</translation>
    </message>
    <message>
        <source>Unit not added</source>
        <translation>Unit not added</translation>
    </message>
    <message>
        <source>Unit not moved</source>
        <translation>Unit not moved</translation>
    </message>
    <message>
        <source>Merge %1 into %2</source>
        <extracomment>%1 is the retiring unit&apos;s code, %2 the unit it merges into</extracomment>
        <translation>Merge %1 into %2</translation>
    </message>
    <message>
        <source>Units not merged</source>
        <translation>Units not merged</translation>
    </message>
    <message>
        <source>Retire %1</source>
        <extracomment>%1 is a unit code</extracomment>
        <translation>Retire %1</translation>
    </message>
    <message>
        <source>Unit not retired</source>
        <translation>Unit not retired</translation>
    </message>
    <message>
        <source>Change %1</source>
        <translation>Change %1</translation>
    </message>
    <message>
        <source>Person not saved</source>
        <translation>Person not saved</translation>
    </message>
    <message>
        <source>%1 leaves</source>
        <extracomment>%1 is a person&apos;s name</extracomment>
        <translation>%1 leaves</translation>
    </message>
    <message>
        <source>Number not revealed</source>
        <translation>Number not revealed</translation>
    </message>
    <message>
        <source>The number is shown; the reveal was recorded with your name and reason.</source>
        <translation>The number is shown; the reveal was recorded with your name and reason.</translation>
    </message>
    <message>
        <source>Set up group %1</source>
        <translation>Set up group %1</translation>
    </message>
    <message>
        <source>Change group %1</source>
        <translation>Change group %1</translation>
    </message>
    <message>
        <source>Group not saved</source>
        <translation>Group not saved</translation>
    </message>
    <message>
        <source>%1 is retired. Its %2 people, %3 units below it and %4 grids of its jurisdiction move to the unit you choose; its history stays with it.</source>
        <extracomment>%1 is a unit; %2 people, %3 units, %4 grid codes move</extracomment>
        <translation>%1 is retired. Its %2 people, %3 units below it and %4 grids of its jurisdiction move to the unit you choose; its history stays with it.</translation>
    </message>
    <message>
        <source>Move %1 under which unit? Only units the tier rule allows are offered.</source>
        <translation>Move %1 under which unit? Only units the tier rule allows are offered.</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>Move to</translation>
    </message>
    <message>
        <source>Merge %1 into which unit?</source>
        <translation>Merge %1 into which unit?</translation>
    </message>
    <message>
        <source>Merge into</source>
        <translation>Merge into</translation>
    </message>
    <message>
        <source>Retire unit</source>
        <translation>Retire unit</translation>
    </message>
    <message>
        <source>Retire %1? It keeps its code and history and takes no new work.</source>
        <translation>Retire %1? It keeps its code and history and takes no new work.</translation>
    </message>
    <message>
        <source>Person leaves</source>
        <translation>Person leaves</translation>
    </message>
    <message>
        <source>%1 leaves the organisation? They keep their record and history.</source>
        <translation>%1 leaves the organisation? They keep their record and history.</translation>
    </message>
    <message>
        <source>Your role may not see whole personal numbers; leaders and administrators may.</source>
        <translation>Your role may not see whole personal numbers; leaders and administrators may.</translation>
    </message>
    <message>
        <source>Reveal number</source>
        <translation>Reveal number</translation>
    </message>
    <message>
        <source>Why do you need the whole number? The reason is recorded with your name.</source>
        <translation>Why do you need the whole number? The reason is recorded with your name.</translation>
    </message>
    <message>
        <source>Dissolve group</source>
        <translation>Dissolve group</translation>
    </message>
    <message>
        <source>Dissolve %1? It keeps its record.</source>
        <translation>Dissolve %1? It keeps its record.</translation>
    </message>
    <message>
        <source>Dissolve group %1</source>
        <translation>Dissolve group %1</translation>
    </message>
    <message>
        <source>Group not dissolved</source>
        <translation>Group not dissolved</translation>
    </message>
    <message>
        <source>Which tier unit does it serve?</source>
        <translation>Which tier unit does it serve?</translation>
    </message>
    <message>
        <source>Link tier unit</source>
        <translation>Link tier unit</translation>
    </message>
    <message>
        <source>Folder of division code tables (cities.csv, areas.csv, streets, villages)</source>
        <translation>Folder of division code tables (cities.csv, areas.csv, streets, villages)</translation>
    </message>
    <message>
        <source>Import division codes</source>
        <translation>Import division codes</translation>
    </message>
    <message>
        <source>Limit to the subtree of a city, district or street code (blank: the whole city):</source>
        <translation>Limit to the subtree of a city, district or street code (blank: the whole city):</translation>
    </message>
    <message>
        <source>Divisions not imported</source>
        <translation>Divisions not imported</translation>
    </message>
    <message numerus="yes">
        <source>Import %n division unit(s)</source>
        <translation>
            <numerusform>Import %n division unit</numerusform>
            <numerusform>Import %n division units</numerusform>
        </translation>
    </message>
    <message>
        <source>Divisions imported</source>
        <translation>Divisions imported</translation>
    </message>
    <message>
        <source>Import people</source>
        <translation>Import people</translation>
    </message>
    <message>
        <source>Import units</source>
        <translation>Import units</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>Not imported</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 cannot be read: %2</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>Import %1</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Import finished</translation>
    </message>
    <message numerus="yes">
        <source>%1 added, %2 updated, %n row(s) refused.</source>
        <translation>
            <numerusform>%1 added, %2 updated, %n row refused.</numerusform>
            <numerusform>%1 added, %2 updated, %n rows refused.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export people</source>
        <translation>Export people</translation>
    </message>
    <message>
        <source>Export units</source>
        <translation>Export units</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>Not exported</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 cannot be written: %2</translation>
    </message>
    <message>
        <source>People exported to %1, numbers masked.</source>
        <translation>People exported to %1, numbers masked.</translation>
    </message>
    <message>
        <source>Units exported to %1.</source>
        <translation>Units exported to %1.</translation>
    </message>
    <message>
        <source>Reload org chart</source>
        <translation>Reload org chart</translation>
    </message>
    <message numerus="yes">
        <source>Reloading drops your %n unsaved change(s). Reload anyway?</source>
        <translation>
            <numerusform>Reloading drops your %n unsaved change. Reload anyway?</numerusform>
            <numerusform>Reloading drops your %n unsaved changes. Reload anyway?</numerusform>
        </translation>
    </message>
    <message>
        <source>A newer org chart came from the server. Saving your changes will ask you to reload it first.</source>
        <translation>A newer org chart came from the server. Saving your changes will ask you to reload it first.</translation>
    </message>
    <message>
        <source>The org chart shows the server&apos;s newest revision.</source>
        <translation>The org chart shows the server&apos;s newest revision.</translation>
    </message>
    <message>
        <source>Org chart saved; it goes to the server with the next sync.</source>
        <translation>Org chart saved; it goes to the server with the next sync.</translation>
    </message>
</context>
<context>
    <name>GridDesk::OrgTreeModel</name>
    <message>
        <source>Tier %1</source>
        <translation>Tier %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <extracomment>%1 is a tier number, %2 its name</extracomment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Retired %1</source>
        <translation>Retired %1</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>Retired</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <extracomment>%1 is the unit&apos;s name and code, %2 its tier&apos;s name</extracomment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>A unit needs a name.</source>
        <translation>A unit needs a name.</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <extracomment>%1 is a unit code, %2 the new name</extracomment>
        <translation>Rename %1 to %2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>People</source>
        <translation>People</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>GridDesk::ParentChooserDialog</name>
    <message>
        <source>Move %1 under…</source>
        <extracomment>%1 is the code of the category being moved</extracomment>
        <translation>Move %1 under…</translation>
    </message>
    <message>
        <source>Filter by code or title</source>
        <translation>Filter by code or title</translation>
    </message>
    <message>
        <source>%1 goes to the end of the category chosen; its sub-categories move with it and are coded anew.</source>
        <extracomment>%1 is the code of the category being moved</extracomment>
        <translation>%1 goes to the end of the category chosen; its sub-categories move with it and are coded anew.</translation>
    </message>
</context>
<context>
    <name>GridDesk::Patrol</name>
    <message>
        <source>No metric projection could be set up around %1, %2 (%3).</source>
        <translation>No metric projection could be set up around %1, %2 (%3).</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 failed: %2</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 cannot be read: %2</translation>
    </message>
    <message>
        <source>This view of the patrols only reads.</source>
        <translation>This view of the patrols only reads.</translation>
    </message>
    <message>
        <source>Say who patrolled (a user or a person).</source>
        <translation>Say who patrolled (a user or a person).</translation>
    </message>
    <message>
        <source>Looking up %1</source>
        <translation>Looking up %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a user of this workspace nor a person of its org chart.</source>
        <translation>&quot;%1&quot; is neither a user of this workspace nor a person of its org chart.</translation>
    </message>
    <message>
        <source>Looking for earlier imports</source>
        <translation>Looking for earlier imports</translation>
    </message>
    <message>
        <source>%1 was already imported as %2&apos;s patrol track %3.</source>
        <translation>%1 was already imported as %2&apos;s patrol track %3.</translation>
    </message>
    <message>
        <source>%1 never comes within %2 m of a grid of this workspace: its fixes lie between longitude %3 and %4, latitude %5 and %6. Nothing was imported.</source>
        <translation>%1 never comes within %2 m of a grid of this workspace: its fixes lie between longitude %3 and %4, latitude %5 and %6. Nothing was imported.</translation>
    </message>
    <message>
        <source>Saving the patrol track</source>
        <translation>Saving the patrol track</translation>
    </message>
    <message>
        <source>Saving fix %1 of the patrol track</source>
        <translation>Saving fix %1 of the patrol track</translation>
    </message>
    <message>
        <source>Saving the coverage of grid %1</source>
        <translation>Saving the coverage of grid %1</translation>
    </message>
    <message>
        <source>Updating the extent of the patrol layers</source>
        <translation>Updating the extent of the patrol layers</translation>
    </message>
    <message numerus="yes">
        <source>%n fix(es) by %1, %2 grid(s) seen</source>
        <translation>
            <numerusform>%n fix by %1, %2 grid(s) seen</numerusform>
            <numerusform>%n fixes by %1, %2 grid(s) seen</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the patrol tracks</source>
        <translation>Reading the patrol tracks</translation>
    </message>
    <message>
        <source>Reading patrol track %1</source>
        <translation>Reading patrol track %1</translation>
    </message>
    <message>
        <source>Fix %1 of patrol track %2 has no readable position.</source>
        <translation>Fix %1 of patrol track %2 has no readable position.</translation>
    </message>
    <message>
        <source>Reading the coverage of patrol track %1</source>
        <translation>Reading the coverage of patrol track %1</translation>
    </message>
    <message>
        <source>Reading the reported cases</source>
        <translation>Reading the reported cases</translation>
    </message>
    <message>
        <source>There is no grid %1 in this workspace.</source>
        <translation>There is no grid %1 in this workspace.</translation>
    </message>
    <message>
        <source>Saving the patrol plan</source>
        <translation>Saving the patrol plan</translation>
    </message>
    <message>
        <source>Removing patrol plan %1</source>
        <translation>Removing patrol plan %1</translation>
    </message>
    <message>
        <source>There is no patrol plan %1.</source>
        <translation>There is no patrol plan %1.</translation>
    </message>
    <message>
        <source>Reading the patrol plans</source>
        <translation>Reading the patrol plans</translation>
    </message>
    <message>
        <source>Reading the people&apos;s posts</source>
        <translation>Reading the people&apos;s posts</translation>
    </message>
    <message>
        <source>anyone in post %1</source>
        <extracomment>%1 is a number of patrols, %2 day, week or month, %3 a person or a post</extracomment>
        <translation>anyone in post %1</translation>
    </message>
    <message>
        <source>%1 × a %2 by %3</source>
        <translation>%1 × a %2 by %3</translation>
    </message>
    <message>
        <source>A patrol plan needs the grid it covers.</source>
        <translation>A patrol plan needs the grid it covers.</translation>
    </message>
    <message>
        <source>A patrol plan needs what to check.</source>
        <translation>A patrol plan needs what to check.</translation>
    </message>
    <message>
        <source>A patrol plan needs at least one patrol a %1, not %2.</source>
        <translation>A patrol plan needs at least one patrol a %1, not %2.</translation>
    </message>
    <message>
        <source>A patrol plan needs a period.</source>
        <translation>A patrol plan needs a period.</translation>
    </message>
    <message>
        <source>A patrol plan names either a person or a post, not both and not neither.</source>
        <translation>A patrol plan names either a person or a post, not both and not neither.</translation>
    </message>
    <message>
        <source>Unknown post &quot;%1&quot;; use one of %2.</source>
        <translation>Unknown post &quot;%1&quot;; use one of %2.</translation>
    </message>
    <message>
        <source>The share of the grid a patrol must see lies between 0 and 1, not %1.</source>
        <translation>The share of the grid a patrol must see lies between 0 and 1, not %1.</translation>
    </message>
    <message>
        <source>no details from GDAL</source>
        <translation>no details from GDAL</translation>
    </message>
    <message>
        <source>%1 has no times: a patrol track needs the time of each point.</source>
        <translation>%1 has no times: a patrol track needs the time of each point.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n track point(s) have no time, the first is point %2; a patrol track needs the time of each point.</source>
        <translation>
            <numerusform>%1: %n track point has no time, the first is point %2; a patrol track needs the time of each point.</numerusform>
            <numerusform>%1: %n track points have no time, the first is point %2; a patrol track needs the time of each point.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is not a GPX file GDAL can read: %2</source>
        <translation>%1 is not a GPX file GDAL can read: %2</translation>
    </message>
    <message>
        <source>%1 has no track points.</source>
        <translation>%1 has no track points.</translation>
    </message>
    <message numerus="yes">
        <source>%1 is damaged after %n track point(s): %2</source>
        <translation>
            <numerusform>%1 is damaged after %n track point: %2</numerusform>
            <numerusform>%1 is damaged after %n track points: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n sentence(s) with a bad or missing checksum were skipped, the first on line %2.</source>
        <translation>
            <numerusform>%1: %n sentence with a bad or missing checksum was skipped, the first on line %2.</numerusform>
            <numerusform>%1: %n sentences with a bad or missing checksum were skipped, the first on line %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n position sentence(s) without a fix were skipped, the first on line %2.</source>
        <translation>
            <numerusform>%1: %n position sentence without a fix was skipped, the first on line %2.</numerusform>
            <numerusform>%1: %n position sentences without a fix were skipped, the first on line %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n line(s) that are not NMEA sentences were skipped, the first is line %2.</source>
        <translation>
            <numerusform>%1: %n line that is not an NMEA sentence was skipped, the first is line %2.</numerusform>
            <numerusform>%1: %n lines that are not NMEA sentences were skipped, the first is line %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 holds no NMEA sentences: it is neither GPX nor an NMEA log.</source>
        <translation>%1 holds no NMEA sentences: it is neither GPX nor an NMEA log.</translation>
    </message>
    <message>
        <source>%1 holds no position fix with a date and time (no valid RMC sentence). %2</source>
        <translation>%1 holds no position fix with a date and time (no valid RMC sentence). %2</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 does not exist.</translation>
    </message>
    <message>
        <source>A patrol track needs at least one fix.</source>
        <translation>A patrol track needs at least one fix.</translation>
    </message>
    <message>
        <source>The sight distance must be more than 0 metres, not %1.</source>
        <translation>The sight distance must be more than 0 metres, not %1.</translation>
    </message>
    <message>
        <source>The track could not be projected to metres around its centre.</source>
        <translation>The track could not be projected to metres around its centre.</translation>
    </message>
    <message>
        <source>The strip along the track could not be made: %1</source>
        <translation>The strip along the track could not be made: %1</translation>
    </message>
    <message>
        <source>grid %1</source>
        <translation>grid %1</translation>
    </message>
    <message>
        <source>day</source>
        <translation>day</translation>
    </message>
    <message>
        <source>week</source>
        <translation>week</translation>
    </message>
    <message>
        <source>month</source>
        <translation>month</translation>
    </message>
    <message>
        <source>The import of %1 was cancelled; nothing was kept.</source>
        <translation>The import of %1 was cancelled; nothing was kept.</translation>
    </message>
    <message>
        <source>Saving the patrol track was cancelled.</source>
        <translation>Saving the patrol track was cancelled.</translation>
    </message>
    <message>
        <source>Saving patrol plan %1</source>
        <translation>Saving patrol plan %1</translation>
    </message>
    <message>
        <source>Reading %1 was cancelled.</source>
        <translation>Reading %1 was cancelled.</translation>
    </message>
    <message>
        <source>%1 is written in UTF-16 or UTF-32, but GPX files and NMEA logs are ASCII or UTF-8 text. Save it as UTF-8 and import it again.</source>
        <translation>%1 is written in UTF-16 or UTF-32, but GPX files and NMEA logs are ASCII or UTF-8 text. Save it as UTF-8 and import it again.</translation>
    </message>
</context>
<context>
    <name>GridDesk::PatrolPlanDialog</name>
    <message>
        <source>%1 — %2</source>
        <extracomment>a grid in a list: %1 is its code, %2 its name</extracomment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>A &amp;person:</source>
        <translation>A &amp;person:</translation>
    </message>
    <message>
        <source>Anyone in p&amp;ost:</source>
        <translation>Anyone in p&amp;ost:</translation>
    </message>
    <message>
        <source>Add patrol plan</source>
        <translation>Add patrol plan</translation>
    </message>
    <message>
        <source>Edit patrol plan %1</source>
        <translation>Edit patrol plan %1</translation>
    </message>
    <message>
        <source>e.g. litter, street lights, manhole covers</source>
        <translation>e.g. litter, street lights, manhole covers</translation>
    </message>
    <message>
        <source>a %1</source>
        <translation>a %1</translation>
    </message>
    <message>
        <source>a user or a person of the org chart</source>
        <translation>a user or a person of the org chart</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>any part</source>
        <translation>any part</translation>
    </message>
    <message>
        <source>How much of the grid a patrol must see to count for the plan.</source>
        <translation>How much of the grid a patrol must see to count for the plan.</translation>
    </message>
    <message>
        <source>×</source>
        <extracomment>between the number of patrols and the period: &quot;2 × a week&quot;</extracomment>
        <translation>×</translation>
    </message>
    <message>
        <source>&amp;Grid:</source>
        <translation>&amp;Grid:</translation>
    </message>
    <message>
        <source>&amp;What to check:</source>
        <translation>&amp;What to check:</translation>
    </message>
    <message>
        <source>&amp;How often:</source>
        <translation>&amp;How often:</translation>
    </message>
    <message>
        <source>&amp;Seen at least:</source>
        <translation>&amp;Seen at least:</translation>
    </message>
</context>
<context>
    <name>GridDesk::PatrolsPanel</name>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Started (UTC)</source>
        <translation>Started (UTC)</translation>
    </message>
    <message>
        <source>Ended (UTC)</source>
        <translation>Ended (UTC)</translation>
    </message>
    <message>
        <source>Fixes</source>
        <translation>Fixes</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Length</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>Seen</source>
        <translation>Seen</translation>
    </message>
    <message>
        <source>Area seen</source>
        <translation>Area seen</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Reported by</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <source>At (UTC)</source>
        <translation>At (UTC)</translation>
    </message>
    <message>
        <source>From the path</source>
        <translation>From the path</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>How often</source>
        <translation>How often</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Checks</translation>
    </message>
    <message>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <source>How far the patroller is taken to see to each side of the track.</source>
        <translation>How far the patroller is taken to see to each side of the track.</translation>
    </message>
    <message>
        <source>&amp;Import track…</source>
        <translation>&amp;Import track…</translation>
    </message>
    <message>
        <source>Read a GPX or NMEA log as this person&apos;s patrol.</source>
        <translation>Read a GPX or NMEA log as this person&apos;s patrol.</translation>
    </message>
    <message>
        <source>&amp;Patroller:</source>
        <translation>&amp;Patroller:</translation>
    </message>
    <message>
        <source>&amp;Sight:</source>
        <translation>&amp;Sight:</translation>
    </message>
    <message>
        <source>Patrol tracks:</source>
        <translation>Patrol tracks:</translation>
    </message>
    <message>
        <source>Grids the chosen patrol saw (double-click to show):</source>
        <translation>Grids the chosen patrol saw (double-click to show):</translation>
    </message>
    <message>
        <source>Cases found on it (double-click to open):</source>
        <translation>Cases found on it (double-click to open):</translation>
    </message>
    <message>
        <source>Import a patrol track</source>
        <translation>Import a patrol track</translation>
    </message>
    <message>
        <source>GPS logs (*.gpx *.nmea *.log *.txt);;All files (*)</source>
        <translation>GPS logs (*.gpx *.nmea *.log *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>No workspace is open.</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>Not imported: %1</translation>
    </message>
    <message numerus="yes">
        <source>Imported %1 as %2&apos;s patrol: %n fix(es), %3 m, %4 grid(s) seen.</source>
        <translation>
            <numerusform>Imported %1 as %2&apos;s patrol: %n fix, %3 m, %4 grid(s) seen.</numerusform>
            <numerusform>Imported %1 as %2&apos;s patrol: %n fixes, %3 m, %4 grid(s) seen.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1 of %2 m²</source>
        <translation>%1 of %2 m²</translation>
    </message>
    <message>
        <source>not judged: no whole %1</source>
        <translation>not judged: no whole %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n</source>
        <extracomment>%1 periods with enough patrols, %n periods judged</extracomment>
        <translation>
            <numerusform>%1 of %n</numerusform>
            <numerusform>%1 of %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the log…</source>
        <translation>Reading the log…</translation>
    </message>
    <message>
        <source>Working out the grids the track saw…</source>
        <translation>Working out the grids the track saw…</translation>
    </message>
    <message>
        <source>Saving the fixes…</source>
        <translation>Saving the fixes…</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>Cancel import</translation>
    </message>
    <message>
        <source>&amp;Edit plan…</source>
        <translation>&amp;Edit plan…</translation>
    </message>
    <message>
        <source>&amp;Remove plan…</source>
        <translation>&amp;Remove plan…</translation>
    </message>
    <message>
        <source>Stop the import; nothing of the log is kept.</source>
        <translation>Stop the import; nothing of the log is kept.</translation>
    </message>
    <message>
        <source>Enter or double-click edits a plan, Delete removes it.</source>
        <translation>Enter or double-click edits a plan, Delete removes it.</translation>
    </message>
    <message>
        <source>&amp;Add plan…</source>
        <translation>&amp;Add plan…</translation>
    </message>
    <message>
        <source>Plan what the grid&apos;s patrols check, how often and by whom.</source>
        <translation>Plan what the grid&apos;s patrols check, how often and by whom.</translation>
    </message>
    <message>
        <source>Patrol plans:</source>
        <translation>Patrol plans:</translation>
    </message>
    <message>
        <source>%1 is still being imported; wait for it or cancel it first.</source>
        <translation>%1 is still being imported; wait for it or cancel it first.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <extracomment>%1 is a file name</extracomment>
        <translation>Importing %1…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>The patrol plan was not saved: %1</source>
        <translation>The patrol plan was not saved: %1</translation>
    </message>
    <message>
        <source>Patrol plan %1 saved: grid %2, %3.</source>
        <extracomment>%1 is a plan number, %2 a grid code, %3 how often and by whom</extracomment>
        <translation>Patrol plan %1 saved: grid %2, %3.</translation>
    </message>
    <message>
        <source>Remove patrol plan</source>
        <translation>Remove patrol plan</translation>
    </message>
    <message>
        <source>Remove the patrol plan of grid %1, %2, checking %3? Its patrols stay; only the plan goes.</source>
        <extracomment>%1 is a grid code, %2 how often and by whom, %3 what is checked</extracomment>
        <translation>Remove the patrol plan of grid %1, %2, checking %3? Its patrols stay; only the plan goes.</translation>
    </message>
    <message>
        <source>The patrol plan was not removed: %1</source>
        <translation>The patrol plan was not removed: %1</translation>
    </message>
    <message>
        <source>Patrol plan %1 removed.</source>
        <translation>Patrol plan %1 removed.</translation>
    </message>
    <message>
        <source>Loading the patrol tracks…</source>
        <translation>Loading the patrol tracks…</translation>
    </message>
    <message>
        <source>The patrol tracks are still being loaded; import again once they are shown.</source>
        <translation>The patrol tracks are still being loaded; import again once they are shown.</translation>
    </message>
    <message>
        <source>The track was imported, but the patrol tracks could not be read again: %1</source>
        <extracomment>%1 says why</extracomment>
        <translation>The track was imported, but the patrol tracks could not be read again: %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::PeopleModel</name>
    <message>
        <source>Revealed in this session; the reveal is recorded.</source>
        <translation>Revealed in this session; the reveal is recorded.</translation>
    </message>
    <message>
        <source>Masked. Reveal it with a reason to see the whole number.</source>
        <translation>Masked. Reveal it with a reason to see the whole number.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Grids</source>
        <translation>Grids</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>ID number</translation>
    </message>
</context>
<context>
    <name>GridDesk::PersonDialog</name>
    <message>
        <source>Add person</source>
        <translation>Add person</translation>
    </message>
    <message>
        <source>Edit person</source>
        <translation>Edit person</translation>
    </message>
    <message>
        <source>grid codes, separated by ; or spaces</source>
        <translation>grid codes, separated by ; or spaces</translation>
    </message>
    <message>
        <source>Left masked, the number on file is kept.</source>
        <translation>Left masked, the number on file is kept.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Post:</source>
        <translation>&amp;Post:</translation>
    </message>
    <message>
        <source>&amp;Unit code:</source>
        <translation>&amp;Unit code:</translation>
    </message>
    <message>
        <source>&amp;Grids:</source>
        <translation>&amp;Grids:</translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation>P&amp;hone:</translation>
    </message>
    <message>
        <source>&amp;ID number:</source>
        <translation>&amp;ID number:</translation>
    </message>
    <message>
        <source>No unit has this code.</source>
        <translation>No unit has this code.</translation>
    </message>
</context>
<context>
    <name>GridDesk::PlanPeriodChooser</name>
    <message>
        <source>This week</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation>Custom dates</translation>
    </message>
    <message>
        <source>The period the patrol plans are judged over.</source>
        <translation>The period the patrol plans are judged over.</translation>
    </message>
    <message>
        <source>The first day judged (UTC).</source>
        <translation>The first day judged (UTC).</translation>
    </message>
    <message>
        <source>The last day judged (UTC).</source>
        <translation>The last day judged (UTC).</translation>
    </message>
    <message>
        <source>&amp;Judge plans over:</source>
        <translation>&amp;Judge plans over:</translation>
    </message>
    <message>
        <source>to</source>
        <extracomment>between the first and the last day of a period</extracomment>
        <translation>to</translation>
    </message>
    <message>
        <source>Nothing of this period has ended yet: plans are judged on the days, weeks and months that have ended.</source>
        <translation>Nothing of this period has ended yet: plans are judged on the days, weeks and months that have ended.</translation>
    </message>
    <message>
        <source>Judged from %1 to %2, on the days, weeks and months that have ended.</source>
        <translation>Judged from %1 to %2, on the days, weeks and months that have ended.</translation>
    </message>
</context>
<context>
    <name>GridDesk::Preferences</name>
    <message>
        <source>The server&apos;s address must be https://HOST:PORT, such as https://griddesk.example.org:8443, not &quot;%1&quot;.</source>
        <translation>The server&apos;s address must be https://HOST:PORT, such as https://griddesk.example.org:8443, not &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The city CA certificate file %1 does not exist.</source>
        <translation>The city CA certificate file %1 does not exist.</translation>
    </message>
    <message>
        <source>The city CA certificate file cannot be used: %1</source>
        <translation>The city CA certificate file cannot be used: %1</translation>
    </message>
    <message>
        <source>The share of a stage&apos;s time that alerts must lie between 1 % and 99 %, not %1 %.</source>
        <translation>The share of a stage&apos;s time that alerts must lie between 1 % and 99 %, not %1 %.</translation>
    </message>
    <message>
        <source>The alarm level that makes a case urgent must be 1 to 4, not %1.</source>
        <translation>The alarm level that makes a case urgent must be 1 to 4, not %1.</translation>
    </message>
    <message>
        <source>The workspace to open at start, %1, does not exist; choose a workspace file or leave it empty to open the last workspace.</source>
        <translation>The workspace to open at start, %1, does not exist; choose a workspace file or leave it empty to open the last workspace.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a language of GridDesk; choose zh_CN or en.</source>
        <translation>&quot;%1&quot; is not a language of GridDesk; choose zh_CN or en.</translation>
    </message>
    <message>
        <source>The radius of case dots must be 1 to 12 pixels, not %1.</source>
        <translation>The radius of case dots must be 1 to 12 pixels, not %1.</translation>
    </message>
</context>
<context>
    <name>GridDesk::PreferencesDialog</name>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Preferences</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Workspace</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Map styles</source>
        <translation>Map styles</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>the workspace open last</source>
        <translation>the workspace open last</translation>
    </message>
    <message>
        <source>Open at start:</source>
        <translation>Open at start:</translation>
    </message>
    <message>
        <source>Workspace opened at start</source>
        <translation>Workspace opened at start</translation>
    </message>
    <message>
        <source>GridDesk workspaces (*.gpkg)</source>
        <translation>GridDesk workspaces (*.gpkg)</translation>
    </message>
    <message>
        <source>Leave it empty to open the workspace that was open last. A workspace named on the command line is opened instead.</source>
        <translation>Leave it empty to open the workspace that was open last. A workspace named on the command line is opened instead.</translation>
    </message>
    <message>
        <source>https://HOST:PORT</source>
        <translation>https://HOST:PORT</translation>
    </message>
    <message>
        <source>none: the system&apos;s trusted certificates</source>
        <translation>none: the system&apos;s trusted certificates</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>Server address:</translation>
    </message>
    <message>
        <source>City CA certificate:</source>
        <translation>City CA certificate:</translation>
    </message>
    <message>
        <source>The city&apos;s CA certificate</source>
        <translation>The city&apos;s CA certificate</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <source>Sync → Connect to server… offers these the next time; a connection made now stays as it is.</source>
        <translation>Sync → Connect to server… offers these the next time; a connection made now stays as it is.</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>The language changes at the next start of GridDesk; dates, numbers and the order of names follow it. The GRIDDESK_LANG environment variable, when set, comes before this choice.</source>
        <translation>The language changes at the next start of GridDesk; dates, numbers and the order of names follow it. The GRIDDESK_LANG environment variable, when set, comes before this choice.</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Restore the standard look</source>
        <translation>Restore the standard look</translation>
    </message>
    <message>
        <source>Background:</source>
        <translation>Background:</translation>
    </message>
    <message>
        <source>Base grid fill:</source>
        <translation>Base grid fill:</translation>
    </message>
    <message>
        <source>Open cases:</source>
        <translation>Open cases:</translation>
    </message>
    <message>
        <source>Closed cases:</source>
        <translation>Closed cases:</translation>
    </message>
    <message>
        <source>Case dot radius:</source>
        <translation>Case dot radius:</translation>
    </message>
    <message>
        <source>The map is drawn again with these when they are applied.</source>
        <translation>The map is drawn again with these when they are applied.</translation>
    </message>
    <message>
        <source>no alert</source>
        <translation>no alert</translation>
    </message>
    <message>
        <source>Alert when a case&apos;s deadline passes</source>
        <translation>Alert when a case&apos;s deadline passes</translation>
    </message>
    <message>
        <source>Alert for urgent cases coming in</source>
        <translation>Alert for urgent cases coming in</translation>
    </message>
    <message>
        <source>Also in the system tray</source>
        <translation>Also in the system tray</translation>
    </message>
    <message>
        <source>Beep with each alert</source>
        <translation>Beep with each alert</translation>
    </message>
    <message>
        <source>Alert when a stage has used:</source>
        <translation>Alert when a stage has used:</translation>
    </message>
    <message>
        <source>Urgent from alarm level:</source>
        <translation>Urgent from alarm level:</translation>
    </message>
    <message>
        <source>A case is urgent when a sensor or video alarm of this level or higher filed it, or when someone marks it special.</source>
        <translation>A case is urgent when a sensor or video alarm of this level or higher filed it, or when someone marks it special.</translation>
    </message>
    <message>
        <source>This desktop has no system tray: alerts show in the window only.</source>
        <translation>This desktop has no system tray: alerts show in the window only.</translation>
    </message>
    <message>
        <source>Choose a colour</source>
        <translation>Choose a colour</translation>
    </message>
    <message>
        <source>Saved. The new language takes effect at the next start of GridDesk.</source>
        <translation>Saved. The new language takes effect at the next start of GridDesk.</translation>
    </message>
</context>
<context>
    <name>GridDesk::Printout</name>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 cannot be written: %2</translation>
    </message>
</context>
<context>
    <name>GridDesk::PublishDialog</name>
    <message>
        <source>added</source>
        <translation>added</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>changed</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>deleted</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <source>Publish grid edition</source>
        <translation>Publish grid edition</translation>
    </message>
    <message>
        <source>Open cases moving to another grid: %1 · closed cases whose grid now covers other ground: %2 · routing rules to review: %3 · staff assignments to review: %4</source>
        <extracomment>Totals of the impact preview before publishing grid changes</extracomment>
        <translation>Open cases moving to another grid: %1 · closed cases whose grid now covers other ground: %2 · routing rules to review: %3 · staff assignments to review: %4</translation>
    </message>
    <message>
        <source>What changed and why, for the edition&apos;s history</source>
        <translation>What changed and why, for the edition&apos;s history</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>&amp;Publish</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>Publishing makes the draft the current grid map. Open cases are moved to the grid now containing them; closed cases keep their grid.</source>
        <translation>Publishing makes the draft the current grid map. Open cases are moved to the grid now containing them; closed cases keep their grid.</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Open cases in</source>
        <translation>Open cases in</translation>
    </message>
    <message>
        <source>Open cases out</source>
        <translation>Open cases out</translation>
    </message>
    <message>
        <source>Closed cases affected</source>
        <translation>Closed cases affected</translation>
    </message>
    <message>
        <source>Routing rules</source>
        <translation>Routing rules</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>Write a note saying what this edition changes.</source>
        <translation>Write a note saying what this edition changes.</translation>
    </message>
    <message>
        <source>Not published: %1</source>
        <translation>Not published: %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::QueueView</name>
    <message>
        <source>My inbox</source>
        <translation>My inbox</translation>
    </message>
    <message>
        <source>To register</source>
        <translation>To register</translation>
    </message>
    <message>
        <source>To dispatch</source>
        <translation>To dispatch</translation>
    </message>
    <message>
        <source>In handling</source>
        <translation>In handling</translation>
    </message>
    <message>
        <source>Awaiting verification</source>
        <translation>Awaiting verification</translation>
    </message>
    <message>
        <source>Supervised</source>
        <translation>Supervised</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>All cases</translation>
    </message>
</context>
<context>
    <name>GridDesk::Register</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>register entry %1</source>
        <translation>register entry %1</translation>
    </message>
    <message>
        <source>Keeping the history of %1</source>
        <translation>Keeping the history of %1</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; duplicates the register entry %3 (&quot;%4&quot;); change that entry instead.</source>
        <translation>%1 &quot;%2&quot; duplicates the register entry %3 (&quot;%4&quot;); change that entry instead.</translation>
    </message>
    <message>
        <source>Reading the register</source>
        <translation>Reading the register</translation>
    </message>
    <message>
        <source>%1 entries have no field &quot;%2&quot;; their fields are %3.</source>
        <translation>%1 entries have no field &quot;%2&quot;; their fields are %3.</translation>
    </message>
    <message>
        <source>There is no grid %1 to put the entry in.</source>
        <translation>There is no grid %1 to put the entry in.</translation>
    </message>
    <message>
        <source>the geometry cannot be read: %1</source>
        <translation>the geometry cannot be read: %1</translation>
    </message>
    <message>
        <source>a register entry stands at a point or covers a polygon; this geometry is a %1.</source>
        <translation>a register entry stands at a point or covers a polygon; this geometry is a %1.</translation>
    </message>
    <message>
        <source>the geometry is not valid: %1</source>
        <translation>the geometry is not valid: %1</translation>
    </message>
    <message>
        <source>The register has no kind &quot;%1&quot;; its kinds are %2.</source>
        <translation>The register has no kind &quot;%1&quot;; its kinds are %2.</translation>
    </message>
    <message>
        <source>A register entry needs a name.</source>
        <translation>A register entry needs a name.</translation>
    </message>
    <message>
        <source>The register has no kind &quot;%1&quot;.</source>
        <translation>The register has no kind &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Numbering register entries</source>
        <translation>Numbering register entries</translation>
    </message>
    <message>
        <source>Storing the register entry %1</source>
        <translation>Storing the register entry %1</translation>
    </message>
    <message>
        <source>Changing the register entry %1</source>
        <translation>Changing the register entry %1</translation>
    </message>
    <message>
        <source>The register entry %1 was changed meanwhile; read it again.</source>
        <translation>The register entry %1 was changed meanwhile; read it again.</translation>
    </message>
    <message>
        <source>Say who adds the entry.</source>
        <translation>Say who adds the entry.</translation>
    </message>
    <message>
        <source>The register has an entry %1 already.</source>
        <translation>The register has an entry %1 already.</translation>
    </message>
    <message>
        <source>Say who changes the entry.</source>
        <translation>Say who changes the entry.</translation>
    </message>
    <message>
        <source>The register has no entry %1.</source>
        <translation>The register has no entry %1.</translation>
    </message>
    <message>
        <source>The register entry %1 is at version %2 now, not %3; read it again.</source>
        <translation>The register entry %1 is at version %2 now, not %3; read it again.</translation>
    </message>
    <message>
        <source>Say who merges the entries.</source>
        <translation>Say who merges the entries.</translation>
    </message>
    <message>
        <source>An entry cannot be merged into itself.</source>
        <translation>An entry cannot be merged into itself.</translation>
    </message>
    <message>
        <source>%1 is a %2 and %3 a %4: only entries of one kind can be merged.</source>
        <translation>%1 is a %2 and %3 a %4: only entries of one kind can be merged.</translation>
    </message>
    <message>
        <source>merged into %1</source>
        <translation>merged into %1</translation>
    </message>
    <message>
        <source>Removing the merged entry %1</source>
        <translation>Removing the merged entry %1</translation>
    </message>
    <message>
        <source>merged with %1</source>
        <translation>merged with %1</translation>
    </message>
    <message>
        <source>Say who verified the entry.</source>
        <translation>Say who verified the entry.</translation>
    </message>
    <message>
        <source>Reading the history of %1</source>
        <translation>Reading the history of %1</translation>
    </message>
    <message>
        <source>Counting the register</source>
        <translation>Counting the register</translation>
    </message>
    <message>
        <source>grid edition %1: from %2 to %3</source>
        <translation>grid edition %1: from %2 to %3</translation>
    </message>
    <message>
        <source>no grid</source>
        <translation>no grid</translation>
    </message>
    <message>
        <source>Updating the register&apos;s extent</source>
        <translation>Updating the register&apos;s extent</translation>
    </message>
    <message>
        <source>%1 has no field &quot;%2&quot; named in the mapping; its fields are %3.</source>
        <translation>%1 has no field &quot;%2&quot; named in the mapping; its fields are %3.</translation>
    </message>
    <message>
        <source>The mapping sends &quot;%1&quot; to &quot;%2&quot;, which %3 entries do not have; they have %4.</source>
        <translation>The mapping sends &quot;%1&quot; to &quot;%2&quot;, which %3 entries do not have; they have %4.</translation>
    </message>
    <message>
        <source>The mapping sets &quot;%1&quot;, which %2 entries do not have; they have %3.</source>
        <translation>The mapping sets &quot;%1&quot;, which %2 entries do not have; they have %3.</translation>
    </message>
    <message>
        <source>Nothing in %1 is mapped to the entries&apos; name; map one of %2 to &quot;name&quot;.</source>
        <translation>Nothing in %1 is mapped to the entries&apos; name; map one of %2 to &quot;name&quot;.</translation>
    </message>
    <message>
        <source>Fields not imported: %1.</source>
        <translation>Fields not imported: %1.</translation>
    </message>
    <message>
        <source>changes %1</source>
        <translation>changes %1</translation>
    </message>
    <message>
        <source>duplicates feature %1 of the file</source>
        <translation>duplicates feature %1 of the file</translation>
    </message>
    <message>
        <source>duplicates feature %1 of the file, which updates %2</source>
        <translation>duplicates feature %1 of the file, which updates %2</translation>
    </message>
    <message>
        <source>import of %1</source>
        <translation>import of %1</translation>
    </message>
    <message>
        <source>%1: %2 created, %3 updated, %4 unchanged, %5 refused</source>
        <translation>%1: %2 created, %3 updated, %4 unchanged, %5 refused</translation>
    </message>
    <message>
        <source>Say who imports the register entries.</source>
        <translation>Say who imports the register entries.</translation>
    </message>
    <message>
        <source>%1: &quot;fields&quot; must be an object of source field → register field.</source>
        <translation>%1: &quot;fields&quot; must be an object of source field → register field.</translation>
    </message>
    <message>
        <source>%1: the source field &quot;%2&quot; maps to no register field; give a field name or a list of them.</source>
        <translation>%1: the source field &quot;%2&quot; maps to no register field; give a field name or a list of them.</translation>
    </message>
    <message>
        <source>The mapping file %1 does not exist.</source>
        <translation>The mapping file %1 does not exist.</translation>
    </message>
    <message>
        <source>The mapping file %1 cannot be read: %2</source>
        <translation>The mapping file %1 cannot be read: %2</translation>
    </message>
    <message>
        <source>%1 is not JSON: %2 at character %3.</source>
        <translation>%1 is not JSON: %2 at character %3.</translation>
    </message>
    <message>
        <source>%1: a mapping is a JSON object with &quot;fields&quot;.</source>
        <translation>%1: a mapping is a JSON object with &quot;fields&quot;.</translation>
    </message>
    <message>
        <source>%1 maps no fields: give &quot;fields&quot; (source field → register field).</source>
        <translation>%1 maps no fields: give &quot;fields&quot; (source field → register field).</translation>
    </message>
    <message>
        <source>The role &quot;%1&quot; may not see the register&apos;s personal data.</source>
        <translation>The role &quot;%1&quot; may not see the register&apos;s personal data.</translation>
    </message>
    <message>
        <source>A reveal needs the name of who asks.</source>
        <translation>A reveal needs the name of who asks.</translation>
    </message>
    <message>
        <source>A reveal needs a reason: say why the personal data is needed.</source>
        <translation>A reveal needs a reason: say why the personal data is needed.</translation>
    </message>
    <message>
        <source>The reveal could not be recorded: %1</source>
        <translation>The reveal could not be recorded: %1</translation>
    </message>
    <message>
        <source>Reading the register&apos;s reveal log failed: %1</source>
        <translation>Reading the register&apos;s reveal log failed: %1</translation>
    </message>
    <message>
        <source>Reading the register&apos;s kinds</source>
        <translation>Reading the register&apos;s kinds</translation>
    </message>
    <message>
        <source>Reading the register&apos;s fields</source>
        <translation>Reading the register&apos;s fields</translation>
    </message>
    <message>
        <source>The register field %1 of %2 has an unknown type or class.</source>
        <translation>The register field %1 of %2 has an unknown type or class.</translation>
    </message>
    <message>
        <source>field %1: &quot;%2&quot; is not a whole number.</source>
        <translation>field %1: &quot;%2&quot; is not a whole number.</translation>
    </message>
    <message>
        <source>field %1: &quot;%2&quot; is not a number.</source>
        <translation>field %1: &quot;%2&quot; is not a number.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot name a field: use lower-case letters, digits and underscores, starting with a letter.</source>
        <translation>&quot;%1&quot; cannot name a field: use lower-case letters, digits and underscores, starting with a letter.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is part of every entry already.</source>
        <translation>&quot;%1&quot; is part of every entry already.</translation>
    </message>
    <message>
        <source>Defining the field %1 of %2</source>
        <translation>Defining the field %1 of %2</translation>
    </message>
    <message>
        <source>An entry is stale after one day at the earliest, not %1.</source>
        <translation>An entry is stale after one day at the earliest, not %1.</translation>
    </message>
    <message>
        <source>Setting when entries are stale</source>
        <translation>Setting when entries are stale</translation>
    </message>
    <message>
        <source>field %1: &quot;%2&quot; is not a date (YYYY-MM-DD).</source>
        <translation>field %1: &quot;%2&quot; is not a date (YYYY-MM-DD).</translation>
    </message>
    <message>
        <source>The register entry %1 is chosen twice.</source>
        <translation>The register entry %1 is chosen twice.</translation>
    </message>
    <message>
        <source>Case %1 is linked to %2 already.</source>
        <translation>Case %1 is linked to %2 already.</translation>
    </message>
    <message>
        <source>Case %1 is not linked to %2 as %3.</source>
        <translation>Case %1 is not linked to %2 as %3.</translation>
    </message>
    <message>
        <source>Linking case %1 to %2</source>
        <translation>Linking case %1 to %2</translation>
    </message>
    <message>
        <source>Reading the links of case %1</source>
        <translation>Reading the links of case %1</translation>
    </message>
    <message>
        <source>Reading the links of cases to the register</source>
        <translation>Reading the links of cases to the register</translation>
    </message>
    <message>
        <source>Handing the cases of %1 to %2</source>
        <translation>Handing the cases of %1 to %2</translation>
    </message>
    <message>
        <source>Reading the remembered mappings: %1</source>
        <translation>Reading the remembered mappings: %1</translation>
    </message>
    <message>
        <source>Say which files the mapping is for: a file name, or one with * and ?.</source>
        <translation>Say which files the mapping is for: a file name, or one with * and ?.</translation>
    </message>
    <message>
        <source>Say which kind the mapping imports.</source>
        <translation>Say which kind the mapping imports.</translation>
    </message>
    <message>
        <source>Removing the register entry %1</source>
        <translation>Removing the register entry %1</translation>
    </message>
    <message>
        <source>The server&apos;s register entry %1 is of kind &quot;%2&quot;, which this workspace does not know.</source>
        <translation>The server&apos;s register entry %1 is of kind &quot;%2&quot;, which this workspace does not know.</translation>
    </message>
    <message>
        <source>Reading the register&apos;s history</source>
        <translation>Reading the register&apos;s history</translation>
    </message>
</context>
<context>
    <name>GridDesk::RegisterMappingDialog</name>
    <message>
        <source>create</source>
        <translation>create</translation>
    </message>
    <message>
        <source>update</source>
        <translation>update</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>refused</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Import the rest when some rows are refused</source>
        <translation>Import the rest when some rows are refused</translation>
    </message>
    <message>
        <source>Import into the register</source>
        <translation>Import into the register</translation>
    </message>
    <message>
        <source>A CSV, XLSX, GeoJSON, Shapefile, GeoPackage … file</source>
        <translation>A CSV, XLSX, GeoJSON, Shapefile, GeoPackage … file</translation>
    </message>
    <message>
        <source>The mapping is remembered for files named like this; * stands for any text, as in youbike_*.geojson</source>
        <translation>The mapping is remembered for files named like this; * stands for any text, as in youbike_*.geojson</translation>
    </message>
    <message>
        <source>Register field</source>
        <translation>Register field</translation>
    </message>
    <message>
        <source>From column</source>
        <translation>From column</translation>
    </message>
    <message>
        <source>Or the value</source>
        <translation>Or the value</translation>
    </message>
    <message>
        <source>First row</source>
        <translation>First row</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Would be</source>
        <translation>Would be</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>The register cannot be read: %1</source>
        <translation>The register cannot be read: %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a register kind in English, then in Chinese</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>Entries of kind:</source>
        <translation>Entries of kind:</translation>
    </message>
    <message>
        <source>Remember for files named:</source>
        <translation>Remember for files named:</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>Dry run</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Choose a file to import</source>
        <translation>Choose a file to import</translation>
    </message>
    <message>
        <source>Vector files and tables (*.csv *.xlsx *.geojson *.json *.shp *.gpkg *.kml);;All files (*)</source>
        <translation>Vector files and tables (*.csv *.xlsx *.geojson *.json *.shp *.gpkg *.kml);;All files (*)</translation>
    </message>
    <message>
        <source>Mapped as remembered for files named %1.</source>
        <translation>Mapped as remembered for files named %1.</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <extracomment>a register field&apos;s English and Chinese titles, then its key</extracomment>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— none —</translation>
    </message>
    <message>
        <source>Choose a file first.</source>
        <translation>Choose a file first.</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported: %n row(s) refused. Change the mapping, or tick &quot;Import the rest&quot;.</source>
        <translation>
            <numerusform>Nothing was imported: %n row refused. Change the mapping, or tick &quot;Import the rest&quot;.</numerusform>
            <numerusform>Nothing was imported: %n rows refused. Change the mapping, or tick &quot;Import the rest&quot;.</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported, but the mapping could not be remembered: %1</source>
        <translation>Imported, but the mapping could not be remembered: %1</translation>
    </message>
    <message>
        <source>Imported; the mapping is remembered for files named %1.</source>
        <translation>Imported; the mapping is remembered for files named %1.</translation>
    </message>
    <message>
        <source>%1 as %2: %3 created, %4 updated, %5 unchanged, %6 refused%7</source>
        <extracomment>%1 is a file, %2 a kind; the counts follow</extracomment>
        <translation>%1 as %2: %3 created, %4 updated, %5 unchanged, %6 refused%7</translation>
    </message>
    <message>
        <source> (dry run: nothing written)</source>
        <translation> (dry run: nothing written)</translation>
    </message>
    <message>
        <source>%1
Give the file&apos;s coordinate system as an EPSG code under &quot;Source CRS&quot;.</source>
        <translation>%1
Give the file&apos;s coordinate system as an EPSG code under &quot;Source CRS&quot;.</translation>
    </message>
    <message>
        <source>%1
Choose the file&apos;s text encoding under &quot;Text encoding&quot;.</source>
        <translation>%1
Choose the file&apos;s text encoding under &quot;Text encoding&quot;.</translation>
    </message>
    <message>
        <source>The layer of a file that holds several (a GeoPackage, a workbook)</source>
        <translation>The layer of a file that holds several (a GeoPackage, a workbook)</translation>
    </message>
    <message>
        <source>As declared or detected</source>
        <translation>As declared or detected</translation>
    </message>
    <message>
        <source>GBK / GB18030 (Simplified Chinese)</source>
        <translation>GBK / GB18030 (Simplified Chinese)</translation>
    </message>
    <message>
        <source>Big5 (Traditional Chinese)</source>
        <translation>Big5 (Traditional Chinese)</translation>
    </message>
    <message>
        <source>For a CSV file or a shapefile that does not say how its text is encoded, or says it wrongly</source>
        <translation>For a CSV file or a shapefile that does not say how its text is encoded, or says it wrongly</translation>
    </message>
    <message>
        <source>The file&apos;s own; or an EPSG code, such as 3826</source>
        <translation>The file&apos;s own; or an EPSG code, such as 3826</translation>
    </message>
    <message>
        <source>For a file without a coordinate system, or with a wrong one</source>
        <translation>For a file without a coordinate system, or with a wrong one</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>Layer:</translation>
    </message>
    <message>
        <source>Text encoding:</source>
        <translation>Text encoding:</translation>
    </message>
    <message>
        <source>Source CRS:</source>
        <translation>Source CRS:</translation>
    </message>
    <message>
        <source>The layer &quot;%1&quot; remembered for such files is not in this one; its first layer is read.</source>
        <translation>The layer &quot;%1&quot; remembered for such files is not in this one; its first layer is read.</translation>
    </message>
    <message>
        <source>As declared or detected (%1)</source>
        <translation>As declared or detected (%1)</translation>
    </message>
    <message>
        <source>The file names no coordinate system.</source>
        <translation>The file names no coordinate system.</translation>
    </message>
    <message>
        <source>Read as %1</source>
        <translation>Read as %1</translation>
    </message>
    <message>
        <source>%1 has no layer &quot;%2&quot;; its layers are %3.</source>
        <translation>%1 has no layer &quot;%2&quot;; its layers are %3.</translation>
    </message>
    <message>
        <source>The encoding &quot;%1&quot; is not one offered; choose UTF-8, GBK or Big5.</source>
        <translation>The encoding &quot;%1&quot; is not one offered; choose UTF-8, GBK or Big5.</translation>
    </message>
    <message>
        <source>%1 names no coordinate system: give it as an EPSG code under &quot;Source CRS&quot; (4326 for longitude and latitude).</source>
        <translation>%1 names no coordinate system: give it as an EPSG code under &quot;Source CRS&quot; (4326 for longitude and latitude).</translation>
    </message>
</context>
<context>
    <name>GridDesk::RegisterPanel</name>
    <message>
        <source>Only due a visit</source>
        <translation>Only due a visit</translation>
    </message>
    <message>
        <source>Reveal personal data…</source>
        <translation>Reveal personal data…</translation>
    </message>
    <message>
        <source>Leaders and administrators may see names, ID numbers, phone numbers and people&apos;s addresses; each reveal is recorded with its reason.</source>
        <translation>Leaders and administrators may see names, ID numbers, phone numbers and people&apos;s addresses; each reveal is recorded with its reason.</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a register kind in English, then in Chinese</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>The register could not be opened: %1</source>
        <translation>The register could not be opened: %1</translation>
    </message>
    <message>
        <source>The whole register</source>
        <translation>The whole register</translation>
    </message>
    <message>
        <source>Register of %1</source>
        <translation>Register of %1</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>No workspace is open.</translation>
    </message>
    <message>
        <source>The register could not be read: %1</source>
        <translation>The register could not be read: %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a kind&apos;s title and how many entries it has</comment>
        <translation>%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n due a visit</source>
        <extracomment>%1 lists the kinds with their counts, %n how many entries are due a visit</extracomment>
        <translation>
            <numerusform>%1 — %n due a visit</numerusform>
            <numerusform>%1 — %n due a visit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Personal data of %n entry(ies) shown; the reveal is recorded.</source>
        <extracomment>%n is how many entries are shown unmasked</extracomment>
        <translation>
            <numerusform>Personal data of %n entry shown; the reveal is recorded.</numerusform>
            <numerusform>Personal data of %n entries shown; the reveal is recorded.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reveal personal data</source>
        <translation>Reveal personal data</translation>
    </message>
    <message numerus="yes">
        <source>Why do you need to see the personal data of these %n entry(ies)? The reason is recorded.</source>
        <translation>
            <numerusform>Why do you need to see the personal data of this %n entry? The reason is recorded.</numerusform>
            <numerusform>Why do you need to see the personal data of these %n entries? The reason is recorded.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>Double-click a case to open it</source>
        <translation>Double-click a case to open it</translation>
    </message>
    <message>
        <source>Name or address begins with…</source>
        <translation>Name or address begins with…</translation>
    </message>
    <message>
        <source>Import entries from a CSV, XLSX or GIS file, mapping its columns</source>
        <translation>Import entries from a CSV, XLSX or GIS file, mapping its columns</translation>
    </message>
    <message>
        <source>Choose an entry to see its cases.</source>
        <translation>Choose an entry to see its cases.</translation>
    </message>
    <message>
        <source>The cases of %1 could not be read: %2</source>
        <translation>The cases of %1 could not be read: %2</translation>
    </message>
    <message numerus="yes">
        <source>Cases of %1: %n</source>
        <extracomment>%1 is a register entry&apos;s code, %n how many cases are linked to it</extracomment>
        <translation>
            <numerusform>Cases of %1: %n</numerusform>
            <numerusform>Cases of %1: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Case %1 · %2 · %3 · %4</source>
        <extracomment>a case linked to a register entry: its number, state, category and description</extracomment>
        <translation>Case %1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>Reported: %1</source>
        <translation>Reported: %1</translation>
    </message>
    <message>
        <source>workstation</source>
        <translation>workstation</translation>
    </message>
    <message>
        <source>%1: %2 created, %3 updated in the register.</source>
        <translation>%1: %2 created, %3 updated in the register.</translation>
    </message>
</context>
<context>
    <name>GridDesk::RegisterTableModel</name>
    <message>
        <source>%1 %2</source>
        <comment>a register kind in English, then in Chinese</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>Last verified</source>
        <translation>Last verified</translation>
    </message>
</context>
<context>
    <name>GridDesk::RejectedCommandsModel</name>
    <message>
        <source>%1 (%2 %3)</source>
        <extracomment>a case&apos;s number at this desk, and its channel and id there</extracomment>
        <translation>%1 (%2 %3)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>a refusal in words, and its code as the server sent it</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Made by</source>
        <translation>Made by</translation>
    </message>
    <message>
        <source>Made at</source>
        <translation>Made at</translation>
    </message>
    <message>
        <source>Refusal</source>
        <translation>Refusal</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Grid map (drawn on edition %1)</source>
        <extracomment>%1 is the grid edition a draft was drawn on</extracomment>
        <translation>Grid map (drawn on edition %1)</translation>
    </message>
    <message>
        <source>Publish grid edition</source>
        <translation>Publish grid edition</translation>
    </message>
    <message>
        <source>Org chart (made on revision %1)</source>
        <extracomment>%1 is the server&apos;s revision of the org chart the change was made on</extracomment>
        <translation>Org chart (made on revision %1)</translation>
    </message>
    <message>
        <source>Change org chart</source>
        <translation>Change org chart</translation>
    </message>
    <message>
        <source>Register entry %1 (made on version %2)</source>
        <extracomment>%1 is a register entry&apos;s code, %2 the entry&apos;s version the change was made on</extracomment>
        <translation>Register entry %1 (made on version %2)</translation>
    </message>
    <message>
        <source>Change register entry</source>
        <translation>Change register entry</translation>
    </message>
</context>
<context>
    <name>GridDesk::RejectedCommandsView</name>
    <message>
        <source>Redo on the new state</source>
        <translation>Redo on the new state</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>The server has applied or is still to answer every command of this desk; none waits here.</source>
        <translation>The server has applied or is still to answer every command of this desk; none waits here.</translation>
    </message>
    <message numerus="yes">
        <source>The server did not apply %n command(s) of this desk. Redo each on the case as it is now, or discard it.</source>
        <translation>
            <numerusform>The server did not apply %n command of this desk. Redo it on the case as it is now, or discard it.</numerusform>
            <numerusform>The server did not apply %n commands of this desk. Redo each on the case as it is now, or discard it.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 made this command; they, a supervisor or a leader settle it.</source>
        <extracomment>%1 is the person who made a rejected command</extracomment>
        <translation>%1 made this command; they, a supervisor or a leader settle it.</translation>
    </message>
    <message>
        <source>A rejected report cannot be redone as it was; report the case again with what the server needs, or discard it.</source>
        <translation>A rejected report cannot be redone as it was; report the case again with what the server needs, or discard it.</translation>
    </message>
    <message>
        <source>Take the action again on the case as the server left it; it goes out with the next sync.</source>
        <translation>Take the action again on the case as the server left it; it goes out with the next sync.</translation>
    </message>
    <message>
        <source>Set the action aside for good; it stays listed in the outbox.</source>
        <translation>Set the action aside for good; it stays listed in the outbox.</translation>
    </message>
    <message>
        <source>The draft is still in the grid editor: fix what the server found and publish it again, then discard this command.</source>
        <translation>The draft is still in the grid editor: fix what the server found and publish it again, then discard this command.</translation>
    </message>
    <message>
        <source>Attach the file again to the case as it is now, then discard this command.</source>
        <translation>Attach the file again to the case as it is now, then discard this command.</translation>
    </message>
    <message>
        <source>Put the units, people and groups this command changed as it had them into the server&apos;s chart, and send that; everything else stays as the server has it.</source>
        <translation>Put the units, people and groups this command changed as it had them into the server&apos;s chart, and send that; everything else stays as the server has it.</translation>
    </message>
    <message>
        <source>A refused new entry cannot be made again as it was: add it again with what the server needs, or merge it with the entry it duplicates, then discard this command.</source>
        <translation>A refused new entry cannot be made again as it was: add it again with what the server needs, or merge it with the entry it duplicates, then discard this command.</translation>
    </message>
    <message>
        <source>Make the change again on the entry as the server left it; it goes out with the next sync.</source>
        <translation>Make the change again on the entry as the server left it; it goes out with the next sync.</translation>
    </message>
</context>
<context>
    <name>GridDesk::ReportDialog</name>
    <message>
        <source>Pick on map</source>
        <translation>Pick on map</translation>
    </message>
    <message>
        <source>Report a case</source>
        <translation>Report a case</translation>
    </message>
    <message>
        <source>What the reporter describes</source>
        <translation>What the reporter describes</translation>
    </message>
    <message>
        <source>longitude, latitude – or pick it on the map</source>
        <translation>longitude, latitude – or pick it on the map</translation>
    </message>
    <message>
        <source>Click the place on the map; this dialog stays open</source>
        <translation>Click the place on the map; this dialog stays open</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Description:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Location:</translation>
    </message>
    <message>
        <source>Came in by:</source>
        <translation>Came in by:</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Choose the category from the list.</source>
        <translation>Choose the category from the list.</translation>
    </message>
    <message>
        <source>Give the location as longitude, latitude (e.g. 121.5654, 25.0330).</source>
        <translation>Give the location as longitude, latitude (e.g. 121.5654, 25.0330).</translation>
    </message>
    <message>
        <source>Say where: an address, a location, or both.</source>
        <translation>Say where: an address, a location, or both.</translation>
    </message>
    <message>
        <source>No register entries here.</source>
        <translation>No register entries here.</translation>
    </message>
    <message>
        <source>The register&apos;s entries at this place, nearest first: tick those the case concerns</source>
        <translation>The register&apos;s entries at this place, nearest first: tick those the case concerns</translation>
    </message>
    <message>
        <source>Name or phone number, to find them in the register</source>
        <translation>Name or phone number, to find them in the register</translation>
    </message>
    <message>
        <source>People of the register: click the one who reports</source>
        <translation>People of the register: click the one who reports</translation>
    </message>
    <message>
        <source>Reporter:</source>
        <translation>Reporter:</translation>
    </message>
    <message>
        <source>Register entries:</source>
        <translation>Register entries:</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a register entry&apos;s kind, then its name</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Reporter in the register: %1 (%2)</source>
        <extracomment>%1 is a person of the register as shown (masked), %2 the entry&apos;s code</extracomment>
        <translation>Reporter in the register: %1 (%2)</translation>
    </message>
    <message>
        <source>%1 m</source>
        <extracomment>%1 is a distance in whole metres</extracomment>
        <translation>%1 m</translation>
    </message>
</context>
<context>
    <name>GridDesk::RulesEditor</name>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Move &amp;up</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>On</source>
        <translation>On</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Co-units</source>
        <translation>Co-units</translation>
    </message>
    <message>
        <source>&amp;Add rule</source>
        <translation>&amp;Add rule</translation>
    </message>
    <message>
        <source>&amp;Try on past cases…</source>
        <translation>&amp;Try on past cases…</translation>
    </message>
    <message>
        <source>Runs the rules as edited over past cases and compares their proposals with where the cases went. Nothing is saved.</source>
        <translation>Runs the rules as edited over past cases and compares their proposals with where the cases went. Nothing is saved.</translation>
    </message>
    <message>
        <source>The first enabled rule that matches a case decides; empty conditions match anything. Times are HH:mm, co-units a list separated by commas. Double-click or press F2 to edit a cell; Space switches a rule on or off.</source>
        <translation>The first enabled rule that matches a case decides; empty conditions match anything. Times are HH:mm, co-units a list separated by commas. Double-click or press F2 to edit a cell; Space switches a rule on or off.</translation>
    </message>
    <message>
        <source>Rule %1 in the table has no id.</source>
        <translation>Rule %1 in the table has no id.</translation>
    </message>
    <message>
        <source>Rule %1: &quot;%2&quot; is not a time such as 22:00.</source>
        <translation>Rule %1: &quot;%2&quot; is not a time such as 22:00.</translation>
    </message>
    <message>
        <source>New rule</source>
        <translation>New rule</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Move do&amp;wn</translation>
    </message>
</context>
<context>
    <name>GridDesk::RunAsDialog</name>
    <message>
        <source>%1 – %2</source>
        <extracomment>a local user and their role, e.g. &quot;Wang Fang – Operator&quot;</extracomment>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>%1 – %2, %3</source>
        <extracomment>a local user, their role and unit, e.g. &quot;Li Lei – Unit handler, Street one&quot;</extracomment>
        <translation>%1 – %2, %3</translation>
    </message>
    <message>
        <source>Run as</source>
        <translation>Run as</translation>
    </message>
    <message>
        <source>Run as this user</source>
        <translation>Run as this user</translation>
    </message>
    <message>
        <source>The desk acts as one of the workspace&apos;s local users: their role and unit decide what they may do and what is in their inbox.</source>
        <translation>The desk acts as one of the workspace&apos;s local users: their role and unit decide what they may do and what is in their inbox.</translation>
    </message>
    <message>
        <source>Add a local user</source>
        <translation>Add a local user</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Add user</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <source>This workspace has no users yet. Add the first one below.</source>
        <translation>This workspace has no users yet. Add the first one below.</translation>
    </message>
    <message>
        <source>Give the new user a name.</source>
        <translation>Give the new user a name.</translation>
    </message>
    <message>
        <source>There is already a user called %1.</source>
        <translation>There is already a user called %1.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an org unit of this workspace.</source>
        <translation>&quot;%1&quot; is not an org unit of this workspace.</translation>
    </message>
    <message>
        <source>A unit handler works for a unit: choose it.</source>
        <translation>A unit handler works for a unit: choose it.</translation>
    </message>
    <message>
        <source>%1 was added.</source>
        <translation>%1 was added.</translation>
    </message>
    <message>
        <source>Choose a user, or add one.</source>
        <translation>Choose a user, or add one.</translation>
    </message>
</context>
<context>
    <name>GridDesk::Samples</name>
    <message>
        <source>There is no sample &quot;%1&quot; in %2.</source>
        <translation>There is no sample &quot;%1&quot; in %2.</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation>%1 is not valid JSON: %2</translation>
    </message>
    <message>
        <source>%1: unknown grid level; use one of %2.</source>
        <translation>%1: unknown grid level; use one of %2.</translation>
    </message>
    <message>
        <source>%1: an org layer needs a tier from 1 to 6.</source>
        <translation>%1: an org layer needs a tier from 1 to 6.</translation>
    </message>
    <message>
        <source>%1, feature %2: %3</source>
        <translation>%1, feature %2: %3</translation>
    </message>
    <message>
        <source>sample %1</source>
        <extracomment>Who the history says built a sample workspace&apos;s org tree; %1 is the sample&apos;s key</extracomment>
        <translation>sample %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::Server</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 failed: %2</translation>
    </message>
    <message>
        <source>The server&apos;s password library (libsodium) could not be started.</source>
        <translation>The server&apos;s password library (libsodium) could not be started.</translation>
    </message>
    <message>
        <source>The password could not be hashed: the server is short of memory.</source>
        <translation>The password could not be hashed: the server is short of memory.</translation>
    </message>
    <message>
        <source>An account needs a user name.</source>
        <translation>An account needs a user name.</translation>
    </message>
    <message numerus="yes">
        <source>The user name is too long: at most %n characters.</source>
        <translation>
            <numerusform>The user name is too long: at most %n character.</numerusform>
            <numerusform>The user name is too long: at most %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>The user name &quot;%1&quot; starts or ends with a space.</source>
        <translation>The user name &quot;%1&quot; starts or ends with a space.</translation>
    </message>
    <message>
        <source>The user name &quot;%1&quot; holds line breaks, tabs or other control characters.</source>
        <translation>The user name &quot;%1&quot; holds line breaks, tabs or other control characters.</translation>
    </message>
    <message numerus="yes">
        <source>The password is too short: it needs at least %n bytes.</source>
        <translation>
            <numerusform>The password is too short: it needs at least %n byte.</numerusform>
            <numerusform>The password is too short: it needs at least %n bytes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The password is too long: at most %n bytes.</source>
        <translation>
            <numerusform>The password is too long: at most %n byte.</numerusform>
            <numerusform>The password is too long: at most %n bytes.</numerusform>
        </translation>
    </message>
    <message>
        <source>An account needs the code of its unit.</source>
        <translation>An account needs the code of its unit.</translation>
    </message>
    <message>
        <source>Looking up the unit %1</source>
        <translation>Looking up the unit %1</translation>
    </message>
    <message>
        <source>The unit %1 is not in the server&apos;s org chart.</source>
        <translation>The unit %1 is not in the server&apos;s org chart.</translation>
    </message>
    <message>
        <source>The unit %1 is retired; give the account a unit that is still active.</source>
        <translation>The unit %1 is retired; give the account a unit that is still active.</translation>
    </message>
    <message>
        <source>The account %1 has the role &quot;%2&quot;, which the server does not know.</source>
        <translation>The account %1 has the role &quot;%2&quot;, which the server does not know.</translation>
    </message>
    <message>
        <source>Reading an account</source>
        <translation>Reading an account</translation>
    </message>
    <message>
        <source>Ending the sessions of %1</source>
        <translation>Ending the sessions of %1</translation>
    </message>
    <message>
        <source>Deleting expired sessions</source>
        <translation>Deleting expired sessions</translation>
    </message>
    <message>
        <source>The user name or the password is wrong.</source>
        <translation>The user name or the password is wrong.</translation>
    </message>
    <message>
        <source>Too many failed logins: the account is locked until %1. Try again then, or ask an administrator to reset the password.</source>
        <translation>Too many failed logins: the account is locked until %1. Try again then, or ask an administrator to reset the password.</translation>
    </message>
    <message>
        <source>The account %1 is disabled; ask an administrator to enable it.</source>
        <translation>The account %1 is disabled; ask an administrator to enable it.</translation>
    </message>
    <message>
        <source>The session is not valid; log in again.</source>
        <translation>The session is not valid; log in again.</translation>
    </message>
    <message>
        <source>Counting a failed login</source>
        <translation>Counting a failed login</translation>
    </message>
    <message>
        <source>Opening a session</source>
        <translation>Opening a session</translation>
    </message>
    <message>
        <source>There is already an account named %1.</source>
        <translation>There is already an account named %1.</translation>
    </message>
    <message>
        <source>Adding the account %1</source>
        <translation>Adding the account %1</translation>
    </message>
    <message>
        <source>Resetting the password of %1</source>
        <translation>Resetting the password of %1</translation>
    </message>
    <message>
        <source>There is no account named %1.</source>
        <translation>There is no account named %1.</translation>
    </message>
    <message>
        <source>Changing the account %1</source>
        <translation>Changing the account %1</translation>
    </message>
    <message>
        <source>Reading the accounts</source>
        <translation>Reading the accounts</translation>
    </message>
    <message>
        <source>Checking a session</source>
        <translation>Checking a session</translation>
    </message>
    <message>
        <source>The session has expired; log in again.</source>
        <translation>The session has expired; log in again.</translation>
    </message>
    <message>
        <source>The account of this session no longer exists.</source>
        <translation>The account of this session no longer exists.</translation>
    </message>
    <message>
        <source>Ending a session</source>
        <translation>Ending a session</translation>
    </message>
    <message>
        <source>An audit entry needs to say what happened.</source>
        <translation>An audit entry needs to say what happened.</translation>
    </message>
    <message>
        <source>The audit trail could not be written: %1</source>
        <translation>The audit trail could not be written: %1</translation>
    </message>
    <message>
        <source>Reading the audit trail failed: %1</source>
        <translation>Reading the audit trail failed: %1</translation>
    </message>
    <message>
        <source>no detail</source>
        <translation>no detail</translation>
    </message>
    <message>
        <source>%1 failed (OpenSSL: %2).</source>
        <translation>%1 failed (OpenSSL: %2).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither an IP address nor a host name a certificate can hold.</source>
        <translation>&quot;%1&quot; is neither an IP address nor a host name a certificate can hold.</translation>
    </message>
    <message>
        <source>A server certificate needs at least one host name or address.</source>
        <translation>A server certificate needs at least one host name or address.</translation>
    </message>
    <message>
        <source>The first host, %1, is longer than the %2 characters a certificate&apos;s common name may have; give a shorter name first.</source>
        <translation>The first host, %1, is longer than the %2 characters a certificate&apos;s common name may have; give a shorter name first.</translation>
    </message>
    <message>
        <source>A certificate is valid for 1 to %1 days, not %2.</source>
        <translation>A certificate is valid for 1 to %1 days, not %2.</translation>
    </message>
    <message>
        <source>A certificate and its key each need a file name.</source>
        <translation>A certificate and its key each need a file name.</translation>
    </message>
    <message>
        <source>%1 exists already; certificates and keys are never overwritten. Move it away or choose another file.</source>
        <translation>%1 exists already; certificates and keys are never overwritten. Move it away or choose another file.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>The folder %1 does not exist.</translation>
    </message>
    <message>
        <source>The certificate and its key need two different files, not %1 for both.</source>
        <translation>The certificate and its key need two different files, not %1 for both.</translation>
    </message>
    <message>
        <source>Making an EC P-256 key</source>
        <translation>Making an EC P-256 key</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 cannot be read: %2</translation>
    </message>
    <message>
        <source>%1 is too large to be a PEM certificate or key.</source>
        <translation>%1 is too large to be a PEM certificate or key.</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>Reading %1</translation>
    </message>
    <message>
        <source>%1 is not a PEM certificate (OpenSSL: %2).</source>
        <translation>%1 is not a PEM certificate (OpenSSL: %2).</translation>
    </message>
    <message>
        <source>%1 is not an unencrypted PEM private key (OpenSSL: %2).</source>
        <translation>%1 is not an unencrypted PEM private key (OpenSSL: %2).</translation>
    </message>
    <message>
        <source>Adding the extension %1 = %2</source>
        <translation>Adding the extension %1 = %2</translation>
    </message>
    <message>
        <source>Listing the certificate&apos;s hosts</source>
        <translation>Listing the certificate&apos;s hosts</translation>
    </message>
    <message>
        <source>Adding the certificate&apos;s hosts</source>
        <translation>Adding the certificate&apos;s hosts</translation>
    </message>
    <message>
        <source>Starting a certificate</source>
        <translation>Starting a certificate</translation>
    </message>
    <message>
        <source>Dating the certificate</source>
        <translation>Dating the certificate</translation>
    </message>
    <message>
        <source>Naming the certificate %1</source>
        <translation>Naming the certificate %1</translation>
    </message>
    <message>
        <source>Signing the certificate</source>
        <translation>Signing the certificate</translation>
    </message>
    <message>
        <source>%1 could not be created: %2</source>
        <translation>%1 could not be created: %2</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 could not be written: %2</translation>
    </message>
    <message>
        <source>Encoding the key</source>
        <translation>Encoding the key</translation>
    </message>
    <message>
        <source>Encoding the certificate</source>
        <translation>Encoding the certificate</translation>
    </message>
    <message>
        <source>A certificate authority needs a name of 1 to %1 characters.</source>
        <translation>A certificate authority needs a name of 1 to %1 characters.</translation>
    </message>
    <message>
        <source>A certificate&apos;s validity must end after it begins.</source>
        <translation>A certificate&apos;s validity must end after it begins.</translation>
    </message>
    <message>
        <source>%1 is not the key of the certificate %2.</source>
        <translation>%1 is not the key of the certificate %2.</translation>
    </message>
    <message>
        <source>%1 is not a certificate authority&apos;s certificate.</source>
        <translation>%1 is not a certificate authority&apos;s certificate.</translation>
    </message>
    <message>
        <source>The validity dates of %1 cannot be read.</source>
        <translation>The validity dates of %1 cannot be read.</translation>
    </message>
    <message>
        <source>The certificate %1 is valid only from %2 (UTC).</source>
        <translation>The certificate %1 is valid only from %2 (UTC).</translation>
    </message>
    <message>
        <source>The certificate %1 expired on %2 (UTC); clients will refuse it.</source>
        <translation>The certificate %1 expired on %2 (UTC); clients will refuse it.</translation>
    </message>
    <message>
        <source>The body is not JSON: %1 at byte %2.</source>
        <translation>The body is not JSON: %1 at byte %2.</translation>
    </message>
    <message>
        <source>The body must be a JSON object.</source>
        <translation>The body must be a JSON object.</translation>
    </message>
    <message>
        <source>The body has %1 bytes; this server takes at most %2.</source>
        <translation>The body has %1 bytes; this server takes at most %2.</translation>
    </message>
    <message>
        <source>Log in first: the request has no &quot;Authorization: Bearer&quot; token.</source>
        <translation>Log in first: the request has no &quot;Authorization: Bearer&quot; token.</translation>
    </message>
    <message>
        <source>A login has at most %1 bytes.</source>
        <translation>A login has at most %1 bytes.</translation>
    </message>
    <message>
        <source>This server speaks sync protocol %1, not %2; update the workstation or the server.</source>
        <translation>This server speaks sync protocol %1, not %2; update the workstation or the server.</translation>
    </message>
    <message>
        <source>The body must hold &quot;commands&quot;, a list.</source>
        <translation>The body must hold &quot;commands&quot;, a list.</translation>
    </message>
    <message>
        <source>At most %1 commands are taken in one push, not %2.</source>
        <translation>At most %1 commands are taken in one push, not %2.</translation>
    </message>
    <message>
        <source>&quot;after&quot; must be a cursor the feed gave (0 at first) and &quot;limit&quot; a positive number.</source>
        <translation>&quot;after&quot; must be a cursor the feed gave (0 at first) and &quot;limit&quot; a positive number.</translation>
    </message>
    <message>
        <source>The server could not read its store; try again.</source>
        <translation>The server could not read its store; try again.</translation>
    </message>
    <message>
        <source>Reading the units&apos; jurisdictions</source>
        <translation>Reading the units&apos; jurisdictions</translation>
    </message>
    <message>
        <source>Reading earlier answers</source>
        <translation>Reading earlier answers</translation>
    </message>
    <message>
        <source>Another account already sent a command with id %1.</source>
        <translation>Another account already sent a command with id %1.</translation>
    </message>
    <message>
        <source>Recording the answer</source>
        <translation>Recording the answer</translation>
    </message>
    <message>
        <source>The server already has case %1 %2.</source>
        <translation>The server already has case %1 %2.</translation>
    </message>
    <message>
        <source>Case %1 %2 lies in grid %3, outside the jurisdiction of unit %4.</source>
        <translation>Case %1 %2 lies in grid %3, outside the jurisdiction of unit %4.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>The server has no case %1 %2.</source>
        <translation>The server has no case %1 %2.</translation>
    </message>
    <message>
        <source>The case to merge into, %1 %2, is not one this account can see.</source>
        <translation>The case to merge into, %1 %2, is not one this account can see.</translation>
    </message>
    <message>
        <source>Reading the feed</source>
        <translation>Reading the feed</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not ADDRESS:PORT; an IPv6 address is written [::1]:8443.</source>
        <translation>&quot;%1&quot; is not ADDRESS:PORT; an IPv6 address is written [::1]:8443.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not ADDRESS:PORT, as in 127.0.0.1:8443.</source>
        <translation>&quot;%1&quot; is not ADDRESS:PORT, as in 127.0.0.1:8443.</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: an IPv6 address goes in brackets, as in [::1]:8443.</source>
        <translation>&quot;%1&quot;: an IPv6 address goes in brackets, as in [::1]:8443.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address to listen on (a name such as localhost is not accepted; give 127.0.0.1 or ::1).</source>
        <translation>&quot;%1&quot; is not an IP address to listen on (a name such as localhost is not accepted; give 127.0.0.1 or ::1).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a port: give a number from 1 to 65535 (0: any free port).</source>
        <translation>&quot;%1&quot; is not a port: give a number from 1 to 65535 (0: any free port).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a log level; give one of %2.</source>
        <translation>&quot;%1&quot; is not a log level; give one of %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a session length: give whole hours from 1 to %2.</source>
        <translation>&quot;%1&quot; is not a session length: give whole hours from 1 to %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a request size: give bytes from %2 to %3, or a number with K, M or G.</source>
        <translation>&quot;%1&quot; is not a request size: give bytes from %2 to %3, or a number with K, M or G.</translation>
    </message>
    <message>
        <source>The configuration file %1 does not exist.</source>
        <translation>The configuration file %1 does not exist.</translation>
    </message>
    <message>
        <source>The configuration file %1 cannot be read: %2</source>
        <translation>The configuration file %1 cannot be read: %2</translation>
    </message>
    <message>
        <source>%1 is too large to be a configuration file.</source>
        <translation>%1 is too large to be a configuration file.</translation>
    </message>
    <message>
        <source>The configuration file %1 is not UTF-8 text.</source>
        <translation>The configuration file %1 is not UTF-8 text.</translation>
    </message>
    <message>
        <source>unknown section %1; the only section is [server].</source>
        <translation>unknown section %1; the only section is [server].</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a setting; settings are written key = value.</source>
        <translation>&quot;%1&quot; is not a setting; settings are written key = value.</translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot;; the keys are %2.</source>
        <translation>unknown key &quot;%1&quot;; the keys are %2.</translation>
    </message>
    <message>
        <source>%1 is set a second time; it was set on line %2.</source>
        <translation>%1 is set a second time; it was set on line %2.</translation>
    </message>
    <message>
        <source>%1 needs a value.</source>
        <translation>%1 needs a value.</translation>
    </message>
    <message>
        <source>%1 (%2) does not exist.</source>
        <extracomment>%1 is a path, %2 says which file it is: &quot;the certificate&quot;, &quot;the key&quot;, &quot;the database&quot;</extracomment>
        <translation>%1 (%2) does not exist.</translation>
    </message>
    <message>
        <source>%1 (%2) is not a file the server can read.</source>
        <translation>%1 (%2) is not a file the server can read.</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1, line %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server option; the options are %2.</source>
        <translation>&quot;%1&quot; is not a server option; the options are %2.</translation>
    </message>
    <message>
        <source>%1 is given twice.</source>
        <translation>%1 is given twice.</translation>
    </message>
    <message>
        <source>The server needs an IP address to listen on.</source>
        <translation>The server needs an IP address to listen on.</translation>
    </message>
    <message>
        <source>Sessions last from 1 to %1 hours, not %2.</source>
        <translation>Sessions last from 1 to %1 hours, not %2.</translation>
    </message>
    <message>
        <source>A request may be limited to %1 to %2 bytes, not %3.</source>
        <translation>A request may be limited to %1 to %2 bytes, not %3.</translation>
    </message>
    <message>
        <source>the certificate</source>
        <translation>the certificate</translation>
    </message>
    <message>
        <source>No certificate is given: set certificate in the configuration file or give --cert.</source>
        <translation>No certificate is given: set certificate in the configuration file or give --cert.</translation>
    </message>
    <message>
        <source>the key</source>
        <translation>the key</translation>
    </message>
    <message>
        <source>No key is given: set key in the configuration file or give --key.</source>
        <translation>No key is given: set key in the configuration file or give --key.</translation>
    </message>
    <message>
        <source>the database</source>
        <translation>the database</translation>
    </message>
    <message>
        <source>No database is given: set database in the configuration file or give --db.</source>
        <translation>No database is given: set database in the configuration file or give --db.</translation>
    </message>
    <message>
        <source>The database %1 is read-only; the server needs to write it.</source>
        <translation>The database %1 is read-only; the server needs to write it.</translation>
    </message>
    <message>
        <source>An account needs a role.</source>
        <translation>An account needs a role.</translation>
    </message>
    <message>
        <source>A relayed command names the person who acted (&quot;made_by&quot;).</source>
        <translation>A relayed command names the person who acted (&quot;made_by&quot;).</translation>
    </message>
    <message>
        <source>%1 relays for unit %2, not for %3.</source>
        <translation>%1 relays for unit %2, not for %3.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server to sync up to: give https://HOST:PORT.</source>
        <translation>&quot;%1&quot; is not a server to sync up to: give https://HOST:PORT.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an interval: give whole seconds from 1 to 3600.</source>
        <translation>&quot;%1&quot; is not an interval: give whole seconds from 1 to 3600.</translation>
    </message>
    <message>
        <source>Syncing up to %1 needs the account there: set upstream_user.</source>
        <translation>Syncing up to %1 needs the account there: set upstream_user.</translation>
    </message>
    <message>
        <source>the upstream password file</source>
        <translation>the upstream password file</translation>
    </message>
    <message>
        <source>Syncing up needs the account&apos;s password: set upstream_password_file.</source>
        <translation>Syncing up needs the account&apos;s password: set upstream_password_file.</translation>
    </message>
    <message>
        <source>The feed ends at %1, before the cursor %2 (the server&apos;s store may have been restored from a backup); read it again from 0.</source>
        <translation>The feed ends at %1, before the cursor %2 (the server&apos;s store may have been restored from a backup); read it again from 0.</translation>
    </message>
    <message>
        <source>The server has no case %1 %2 that this account may see.</source>
        <translation>The server has no case %1 %2 that this account may see.</translation>
    </message>
    <message>
        <source>The server could not write its store; nothing of this push was applied. Send it again.</source>
        <translation>The server could not write its store; nothing of this push was applied. Send it again.</translation>
    </message>
    <message>
        <source>&quot;after&quot; must be the number of the newest grid edition the desk has (0 for none).</source>
        <translation>&quot;after&quot; must be the number of the newest grid edition the desk has (0 for none).</translation>
    </message>
    <message>
        <source>&quot;wait&quot; must be a number of seconds from 0 to %1.</source>
        <translation>&quot;wait&quot; must be a number of seconds from 0 to %1.</translation>
    </message>
    <message>
        <source>This server takes its grid map from %1; grid editions are published there.</source>
        <translation>This server takes its grid map from %1; grid editions are published there.</translation>
    </message>
    <message>
        <source>The grid map is at edition %1 on the server; this draft was drawn on edition %2. Sync to take the newer edition in, check the draft against it and publish again.</source>
        <translation>The grid map is at edition %1 on the server; this draft was drawn on edition %2. Sync to take the newer edition in, check the draft against it and publish again.</translation>
    </message>
    <message>
        <source>Grids %1 lie outside the jurisdiction of unit %2.</source>
        <translation>Grids %1 lie outside the jurisdiction of unit %2.</translation>
    </message>
    <message>
        <source>An attachment has at most %1 MB.</source>
        <translation>An attachment has at most %1 MB.</translation>
    </message>
    <message>
        <source>A file goes to /v1/files/SHA256 (64 lower-case hex digits) with its bytes as the body.</source>
        <translation>A file goes to /v1/files/SHA256 (64 lower-case hex digits) with its bytes as the body.</translation>
    </message>
    <message>
        <source>The body&apos;s SHA-256 is %1, not the %2 of the address.</source>
        <translation>The body&apos;s SHA-256 is %1, not the %2 of the address.</translation>
    </message>
    <message>
        <source>The server could not write its store; try again.</source>
        <translation>The server could not write its store; try again.</translation>
    </message>
    <message>
        <source>There is no attachment %1 of a case this account may see.</source>
        <translation>There is no attachment %1 of a case this account may see.</translation>
    </message>
    <message>
        <source>An attach command names its file by &quot;sha256&quot; and &quot;name&quot;.</source>
        <translation>An attach command names its file by &quot;sha256&quot; and &quot;name&quot;.</translation>
    </message>
    <message>
        <source>Reading an uploaded file</source>
        <translation>Reading an uploaded file</translation>
    </message>
    <message>
        <source>The file %1 of this attach command was never uploaded.</source>
        <translation>The file %1 of this attach command was never uploaded.</translation>
    </message>
    <message>
        <source>Keeping an uploaded file</source>
        <translation>Keeping an uploaded file</translation>
    </message>
    <message>
        <source>Reading an attachment</source>
        <translation>Reading an attachment</translation>
    </message>
    <message>
        <source>&quot;after&quot; must be the revision of the org chart the desk has (0 for none).</source>
        <translation>&quot;after&quot; must be the revision of the org chart the desk has (0 for none).</translation>
    </message>
    <message>
        <source>&quot;chart&quot; may only be &quot;always&quot;.</source>
        <translation>&quot;chart&quot; may only be &quot;always&quot;.</translation>
    </message>
    <message>
        <source>Only supervisors and leaders publish grid editions; this account&apos;s role is %1.</source>
        <translation>Only supervisors and leaders publish grid editions; this account&apos;s role is %1.</translation>
    </message>
    <message>
        <source>Only supervisors and leaders change the org chart; this account&apos;s role is %1.</source>
        <translation>Only supervisors and leaders change the org chart; this account&apos;s role is %1.</translation>
    </message>
    <message>
        <source>This server takes its org chart from %1; the chart is changed there.</source>
        <translation>This server takes its org chart from %1; the chart is changed there.</translation>
    </message>
    <message>
        <source>The org chart is at revision %1 on the server; this change was made on revision %2. Sync to take the newer chart in and make the change again.</source>
        <translation>The org chart is at revision %1 on the server; this change was made on revision %2. Sync to take the newer chart in and make the change again.</translation>
    </message>
    <message>
        <source>A number of person %1 holds &quot;*&quot; but is not the masked number on file; type the whole number.</source>
        <translation>A number of person %1 holds &quot;*&quot; but is not the masked number on file; type the whole number.</translation>
    </message>
    <message>
        <source>The top of the org chart, %1, stays as it is through the server; this change makes it %2.</source>
        <translation>The top of the org chart, %1, stays as it is through the server; this change makes it %2.</translation>
    </message>
    <message>
        <source>Not within unit %1 and the units below it: %2.</source>
        <translation>Not within unit %1 and the units below it: %2.</translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation>unit %1</translation>
    </message>
    <message>
        <source>grid %1</source>
        <translation>grid %1</translation>
    </message>
    <message>
        <source>person %1</source>
        <translation>person %1</translation>
    </message>
    <message>
        <source>group %1</source>
        <translation>group %1</translation>
    </message>
    <message>
        <source>Finding case %1 %2</source>
        <translation>Finding case %1 %2</translation>
    </message>
    <message>
        <source>Reading the store&apos;s editions failed: %1</source>
        <translation>Reading the store&apos;s editions failed: %1</translation>
    </message>
    <message>
        <source>The report lies in grid %1, outside the jurisdiction of unit %2.</source>
        <translation>The report lies in grid %1, outside the jurisdiction of unit %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an interval: give whole minutes from 1 to %2.</source>
        <translation>&quot;%1&quot; is not an interval: give whole minutes from 1 to %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a hotline profile; give one of %2.</source>
        <translation>&quot;%1&quot; is not a hotline profile; give one of %2.</translation>
    </message>
    <message>
        <source>The hotline folder %1 does not exist or is not a folder.</source>
        <translation>The hotline folder %1 does not exist or is not a folder.</translation>
    </message>
    <message>
        <source>&quot;after&quot; must be the register cursor the desk has (0 for none), and &quot;limit&quot; a number from 1 to %1.</source>
        <translation>&quot;after&quot; must be the register cursor the desk has (0 for none), and &quot;limit&quot; a number from 1 to %1.</translation>
    </message>
    <message>
        <source>Unit handlers work on cases; the grid register is kept by operators, supervisors and leaders.</source>
        <translation>Unit handlers work on cases; the grid register is kept by operators, supervisors and leaders.</translation>
    </message>
    <message>
        <source>The change is dated %1, more than a day ahead of the server&apos;s clock.</source>
        <translation>The change is dated %1, more than a day ahead of the server&apos;s clock.</translation>
    </message>
    <message>
        <source>The register entry %1 lies in grid %2, outside unit %3 and the units below it.</source>
        <translation>The register entry %1 lies in grid %2, outside unit %3 and the units below it.</translation>
    </message>
    <message>
        <source>The register entry %1 is at version %2 on the server; this change was made on version %3. Sync to take the newer entry in and make the change again.</source>
        <translation>The register entry %1 is at version %2 on the server; this change was made on version %3. Sync to take the newer entry in and make the change again.</translation>
    </message>
    <message>
        <source>The server&apos;s register has no entry %1.</source>
        <translation>The server&apos;s register has no entry %1.</translation>
    </message>
    <message>
        <source>The value of %1 in entry %2 is masked but is not the masked value on file; type it whole.</source>
        <translation>The value of %1 in entry %2 is masked but is not the masked value on file; type it whole.</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; duplicates the register entry %3 (&quot;%4&quot;) on the server; merge the two or change that entry instead.</source>
        <translation>%1 &quot;%2&quot; duplicates the register entry %3 (&quot;%4&quot;) on the server; merge the two or change that entry instead.</translation>
    </message>
    <message>
        <source>The server&apos;s register has an entry %1 already; the new entry needs another code.</source>
        <translation>The server&apos;s register has an entry %1 already; the new entry needs another code.</translation>
    </message>
    <message>
        <source>A new entry is based on version 0, not %1.</source>
        <translation>A new entry is based on version 0, not %1.</translation>
    </message>
</context>
<context>
    <name>GridDesk::ServerMain</name>
    <message>
        <source>%1 needs a value.</source>
        <translation>%1 needs a value.</translation>
    </message>
    <message>
        <source>griddesk-server: %1</source>
        <translation>griddesk-server: %1</translation>
    </message>
    <message>
        <source>say which store with --db WORKSPACE.</source>
        <translation>say which store with --db WORKSPACE.</translation>
    </message>
    <message>
        <source>there is no workspace %1. The server&apos;s store is a workspace with the city&apos;s grids, org chart and cases: make one with griddesk-cli (or copy a workstation&apos;s) and give its path.</source>
        <translation>there is no workspace %1. The server&apos;s store is a workspace with the city&apos;s grids, org chart and cases: make one with griddesk-cli (or copy a workstation&apos;s) and give its path.</translation>
    </message>
    <message>
        <source>%1 takes --db WORKSPACE and one USER.</source>
        <translation>%1 takes --db WORKSPACE and one USER.</translation>
    </message>
    <message>
        <source>  (disabled)</source>
        <translation>  (disabled)</translation>
    </message>
    <message>
        <source>%1 is disabled; their sessions have ended.</source>
        <translation>%1 is disabled; their sessions have ended.</translation>
    </message>
    <message>
        <source>%1 may log in again.</source>
        <translation>%1 may log in again.</translation>
    </message>
    <message>
        <source>add-user needs --role (one of %1) and --unit CODE.</source>
        <translation>add-user needs --role (one of %1) and --unit CODE.</translation>
    </message>
    <message>
        <source>New password for %1: </source>
        <translation>New password for %1: </translation>
    </message>
    <message>
        <source>Account %1 added: %2 of unit %3.</source>
        <translation>Account %1 added: %2 of unit %3.</translation>
    </message>
    <message>
        <source>The password of %1 is changed; their sessions have ended.</source>
        <translation>The password of %1 is changed; their sessions have ended.</translation>
    </message>
    <message>
        <source>%1 takes no %2.</source>
        <translation>%1 takes no %2.</translation>
    </message>
    <message>
        <source>%1 needs --cert FILE and --key FILE.</source>
        <translation>%1 needs --cert FILE and --key FILE.</translation>
    </message>
    <message>
        <source>--days must be a number from 1 to %1.</source>
        <translation>--days must be a number from 1 to %1.</translation>
    </message>
    <message>
        <source>init-ca needs --name, such as &quot;City grid CA&quot;.</source>
        <translation>init-ca needs --name, such as &quot;City grid CA&quot;.</translation>
    </message>
    <message>
        <source>CA certificate %1 and key %2 written. Give the certificate to every workstation (sync --ca); keep the key offline.</source>
        <translation>CA certificate %1 and key %2 written. Give the certificate to every workstation (sync --ca); keep the key offline.</translation>
    </message>
    <message>
        <source>issue-cert needs --ca-cert, --ca-key and --host.</source>
        <translation>issue-cert needs --ca-cert, --ca-key and --host.</translation>
    </message>
    <message>
        <source>Server certificate %1 for %2 written, signed by the CA.</source>
        <translation>Server certificate %1 for %2 written, signed by the CA.</translation>
    </message>
    <message>
        <source>*** A SELF-SIGNED CERTIFICATE FOR A TRIAL ONLY ***
%1 is signed by nobody. Workstations trust it only when given this very file (sync --ca %1).
For a city&apos;s servers make a CA with init-ca and issue certificates with issue-cert.</source>
        <translation>*** A SELF-SIGNED CERTIFICATE FOR A TRIAL ONLY ***
%1 is signed by nobody. Workstations trust it only when given this very file (sync --ca %1).
For a city&apos;s servers make a CA with init-ca and issue certificates with issue-cert.</translation>
    </message>
    <message>
        <source>Certificate %1 and key %2 written for %3, valid %4 days.</source>
        <translation>Certificate %1 and key %2 written for %3, valid %4 days.</translation>
    </message>
    <message>
        <source>The certificate or key cannot be read: %1</source>
        <translation>The certificate or key cannot be read: %1</translation>
    </message>
    <message>
        <source>%1 or %2 is not a PEM certificate and an unencrypted EC or RSA key.</source>
        <translation>%1 or %2 is not a PEM certificate and an unencrypted EC or RSA key.</translation>
    </message>
    <message>
        <source>cannot listen on %1: the port is taken, or the address is not this machine&apos;s.</source>
        <translation>cannot listen on %1: the port is taken, or the address is not this machine&apos;s.</translation>
    </message>
    <message>
        <source>griddesk-server: deadline rules: %1</source>
        <translation>griddesk-server: deadline rules: %1</translation>
    </message>
    <message>
        <source>griddesk-server: listening on https://%1 with store %2</source>
        <translation>griddesk-server: listening on https://%1 with store %2</translation>
    </message>
    <message>
        <source>griddesk-server: stopped.</source>
        <translation>griddesk-server: stopped.</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;.</source>
        <translation>unknown command &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>griddesk-server: syncing up: %1</source>
        <translation>griddesk-server: syncing up: %1</translation>
    </message>
    <message>
        <source>the store %1 holds no grids yet: load it from a workspace first with griddesk-server load-store --db ADDRESS --from WORKSPACE.</source>
        <translation>the store %1 holds no grids yet: load it from a workspace first with griddesk-server load-store --db ADDRESS --from WORKSPACE.</translation>
    </message>
    <message>
        <source>load-store takes --db ADDRESS and --from WORKSPACE.</source>
        <translation>load-store takes --db ADDRESS and --from WORKSPACE.</translation>
    </message>
    <message>
        <source>load-store loads a PostgreSQL store: --db postgresql://USER@HOST/DATABASE.</source>
        <translation>load-store loads a PostgreSQL store: --db postgresql://USER@HOST/DATABASE.</translation>
    </message>
    <message>
        <source>there is no workspace %1.</source>
        <translation>there is no workspace %1.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n rows</source>
        <translation>
            <numerusform>%1: %n row</numerusform>
            <numerusform>%1: %n rows</numerusform>
        </translation>
    </message>
    <message>
        <source>griddesk-server: loaded %1 into %2.</source>
        <translation>griddesk-server: loaded %1 into %2.</translation>
    </message>
    <message>
        <source>Usage:
  griddesk-server [--config FILE] [--listen ADDR:PORT] [--cert C --key K]
      [--db WORKSPACE|postgresql://…] [--log-level error|warning|info|debug]
  griddesk-server add-user --db WORKSPACE USER --role ROLE --unit CODE
      [--password-file F]
  griddesk-server reset-password --db WORKSPACE USER [--password-file F]
  griddesk-server disable-user|enable-user --db WORKSPACE USER
  griddesk-server users --db WORKSPACE
  griddesk-server load-store --db postgresql://USER@HOST[:PORT]/DATABASE
      --from WORKSPACE
  griddesk-server add-client --db WORKSPACE NAME --channel open311|alarm --unit CODE
      [--jurisdiction ID]
  griddesk-server clients|intake --db WORKSPACE
  griddesk-server revoke-client --db WORKSPACE NAME
  griddesk-server import-hotline --db WORKSPACE FILE… [--profile auto|nyc311|la311]
  griddesk-server init-cert --cert C --key K [--host H]… [--days N]
  griddesk-server init-ca --cert C --key K --name NAME [--days N]
  griddesk-server issue-cert --ca-cert C --ca-key K --cert C --key K --host H…
      [--days N]
  griddesk-server service-attributes --db WORKSPACE CODE [--file F.json | --clear]

The server&apos;s store is a GridDesk workspace (a GeoPackage file) with the city&apos;s grids,
org chart and cases; copy one made with griddesk-cli or the workstation. It listens
on loopback (127.0.0.1:8443) unless told otherwise, over HTTPS only.
A city that outgrows one machine keeps the store in PostgreSQL with PostGIS: load it
once from a workspace with load-store, then start any number of servers with
--db postgresql://USER@HOST:PORT/DATABASE (the password from ~/.pgpass, or
?passfile=FILE; any libpq setting such as ?sslmode=verify-full may follow).
Roles: operator, supervisor, unit_handler, leader; system for a district server
that syncs up to this one (upstream = https://HOST:PORT in its configuration).
Intake: civic apps file reports through Open311 (/open311/v2/), sensors and video
analytics through POST /v1/alarms, each with the key add-client prints once; the
hotline&apos;s exports are taken in with import-hotline or from hotline_folder.
</source>
        <translation>Usage:
  griddesk-server [--config FILE] [--listen ADDR:PORT] [--cert C --key K]
      [--db WORKSPACE|postgresql://…] [--log-level error|warning|info|debug]
  griddesk-server add-user --db WORKSPACE USER --role ROLE --unit CODE
      [--password-file F]
  griddesk-server reset-password --db WORKSPACE USER [--password-file F]
  griddesk-server disable-user|enable-user --db WORKSPACE USER
  griddesk-server users --db WORKSPACE
  griddesk-server load-store --db postgresql://USER@HOST[:PORT]/DATABASE
      --from WORKSPACE
  griddesk-server add-client --db WORKSPACE NAME --channel open311|alarm --unit CODE
      [--jurisdiction ID]
  griddesk-server clients|intake --db WORKSPACE
  griddesk-server revoke-client --db WORKSPACE NAME
  griddesk-server import-hotline --db WORKSPACE FILE… [--profile auto|nyc311|la311]
  griddesk-server init-cert --cert C --key K [--host H]… [--days N]
  griddesk-server init-ca --cert C --key K --name NAME [--days N]
  griddesk-server issue-cert --ca-cert C --ca-key K --cert C --key K --host H…
      [--days N]
  griddesk-server service-attributes --db WORKSPACE CODE [--file F.json | --clear]

The server&apos;s store is a GridDesk workspace (a GeoPackage file) with the city&apos;s grids,
org chart and cases; copy one made with griddesk-cli or the workstation. It listens
on loopback (127.0.0.1:8443) unless told otherwise, over HTTPS only.
A city that outgrows one machine keeps the store in PostgreSQL with PostGIS: load it
once from a workspace with load-store, then start any number of servers with
--db postgresql://USER@HOST:PORT/DATABASE (the password from ~/.pgpass, or
?passfile=FILE; any libpq setting such as ?sslmode=verify-full may follow).
Roles: operator, supervisor, unit_handler, leader; system for a district server
that syncs up to this one (upstream = https://HOST:PORT in its configuration).
Intake: civic apps file reports through Open311 (/open311/v2/), sensors and video
analytics through POST /v1/alarms, each with the key add-client prints once; the
hotline&apos;s exports are taken in with import-hotline or from hotline_folder.
</translation>
    </message>
    <message>
        <source>griddesk-server: hotline folder: %1</source>
        <translation>griddesk-server: hotline folder: %1</translation>
    </message>
    <message>
        <source>griddesk-server: hotline file %1 refused: %2</source>
        <translation>griddesk-server: hotline file %1 refused: %2</translation>
    </message>
    <message>
        <source>%1 takes --db WORKSPACE only.</source>
        <translation>%1 takes --db WORKSPACE only.</translation>
    </message>
    <message>
        <source>import-hotline takes --db WORKSPACE and one or more files.</source>
        <translation>import-hotline takes --db WORKSPACE and one or more files.</translation>
    </message>
    <message>
        <source>%1 takes --db WORKSPACE and one client NAME.</source>
        <translation>%1 takes --db WORKSPACE and one client NAME.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n case(s) taken in, %2 event(s) written.</source>
        <translation>
            <numerusform>%1: %n case taken in, %2 event written.</numerusform>
            <numerusform>%1: %n cases taken in, %2 events written.</numerusform>
        </translation>
    </message>
    <message>
        <source>  (revoked)</source>
        <translation>  (revoked)</translation>
    </message>
    <message>
        <source>No intake payload has been refused.</source>
        <translation>No intake payload has been refused.</translation>
    </message>
    <message>
        <source>%1  %2  %3 refused, last at %4: %5</source>
        <translation>%1  %2  %3 refused, last at %4: %5</translation>
    </message>
    <message>
        <source>The key of %1 no longer works.</source>
        <translation>The key of %1 no longer works.</translation>
    </message>
    <message>
        <source>add-client needs --channel open311 or alarm, and --unit CODE.</source>
        <translation>add-client needs --channel open311 or alarm, and --unit CODE.</translation>
    </message>
    <message>
        <source>The key of %1 follows; it is shown this once. Give it to the client&apos;s administrator.</source>
        <translation>The key of %1 follows; it is shown this once. Give it to the client&apos;s administrator.</translation>
    </message>
    <message>
        <source>service-attributes takes --db WORKSPACE, one CODE and --file F.json or --clear.</source>
        <translation>service-attributes takes --db WORKSPACE, one CODE and --file F.json or --clear.</translation>
    </message>
    <message>
        <source>The Open311 service %1 asks for no attributes now.</source>
        <translation>The Open311 service %1 asks for no attributes now.</translation>
    </message>
    <message>
        <source>cannot read %1.</source>
        <translation>cannot read %1.</translation>
    </message>
    <message numerus="yes">
        <source>The Open311 service %1 asks for %n attributes.</source>
        <translation>
            <numerusform>The Open311 service %1 asks for %n attribute.</numerusform>
            <numerusform>The Open311 service %1 asks for %n attributes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::ShortcutHelp</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Search actions, menus or keys</source>
        <translation>Search actions, menus or keys</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>Map (when it has the focus)</source>
        <translation>Map (when it has the focus)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>+ or =, mouse wheel</source>
        <translation>+ or =, mouse wheel</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>-, mouse wheel</source>
        <translation>-, mouse wheel</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>Pan</translation>
    </message>
    <message>
        <source>Arrow keys, drag</source>
        <translation>Arrow keys, drag</translation>
    </message>
    <message>
        <source>Whole city</source>
        <translation>Whole city</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>Select a case or grid</source>
        <translation>Select a case or grid</translation>
    </message>
    <message>
        <source>Click</source>
        <translation>Click</translation>
    </message>
    <message>
        <source>Zoom to a grid</source>
        <translation>Zoom to a grid</translation>
    </message>
    <message>
        <source>Double-click</source>
        <translation>Double-click</translation>
    </message>
    <message>
        <source>Command palette</source>
        <translation>Command palette</translation>
    </message>
    <message>
        <source>Choose a command</source>
        <translation>Choose a command</translation>
    </message>
    <message>
        <source>Up, Down</source>
        <translation>Up, Down</translation>
    </message>
    <message>
        <source>Run the chosen command</source>
        <translation>Run the chosen command</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Close the palette</source>
        <translation>Close the palette</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
</context>
<context>
    <name>GridDesk::SqlFunctions</name>
    <message>
        <source>The SQLite driver does not expose its connection handle.</source>
        <translation>The SQLite driver does not expose its connection handle.</translation>
    </message>
    <message>
        <source>The SQL function %1 could not be registered: %2</source>
        <translation>The SQL function %1 could not be registered: %2</translation>
    </message>
</context>
<context>
    <name>GridDesk::Stage</name>
    <message>
        <source>Registration</source>
        <translation>Registration</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <source>Acceptance</source>
        <translation>Acceptance</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>Supervision</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Evaluation</translation>
    </message>
</context>
<context>
    <name>GridDesk::Standards</name>
    <message>
        <source>National standard</source>
        <translation>National standard</translation>
    </message>
    <message>
        <source>Industry standard</source>
        <translation>Industry standard</translation>
    </message>
    <message>
        <source>Local standard</source>
        <translation>Local standard</translation>
    </message>
    <message>
        <source>Group standard</source>
        <translation>Group standard</translation>
    </message>
    <message>
        <source>Internal standard</source>
        <translation>Internal standard</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>In force</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Revised</source>
        <translation>Revised</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>Counts per sub-system</source>
        <translation>Counts per sub-system</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Sub-system</source>
        <translation>Sub-system</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Categories</translation>
    </message>
    <message>
        <source>Standards</source>
        <translation>Standards</translation>
    </message>
    <message>
        <source>Categories without a standard</source>
        <translation>Categories without a standard</translation>
    </message>
    <message>
        <source>Implemented in GridDesk</source>
        <translation>Implemented in GridDesk</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <source>%1 categories, %2 standards attached; %3 categories have no standard attached; %4 categories are carried out by no part of GridDesk.</source>
        <translation>%1 categories, %2 standards attached; %3 categories have no standard attached; %4 categories are carried out by no part of GridDesk.</translation>
    </message>
    <message>
        <source>Standard system table</source>
        <translation>Standard system table</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Implemented in GridDesk by</source>
        <translation>Implemented in GridDesk by</translation>
    </message>
    <message>
        <source>Standard detail list</source>
        <translation>Standard detail list</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Standard number</source>
        <translation>Standard number</translation>
    </message>
    <message>
        <source>Standard title</source>
        <translation>Standard title</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>Implemented</source>
        <translation>Implemented</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>No standard is attached yet.</source>
        <translation>No standard is attached yet.</translation>
    </message>
    <message>
        <source>Printed %1</source>
        <translation>Printed %1</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>Depth</translation>
    </message>
    <message>
        <source>Title (Chinese)</source>
        <translation>Title (Chinese)</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation>Title (English)</translation>
    </message>
    <message>
        <source>Standards below</source>
        <translation>Standards below</translation>
    </message>
    <message>
        <source>Categories without a standard below</source>
        <translation>Categories without a standard below</translation>
    </message>
    <message>
        <source>Category (Chinese)</source>
        <translation>Category (Chinese)</translation>
    </message>
    <message>
        <source>Category (English)</source>
        <translation>Category (English)</translation>
    </message>
    <message>
        <source>Document size (bytes)</source>
        <translation>Document size (bytes)</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 failed: %2</translation>
    </message>
    <message>
        <source>Reading the standards tree</source>
        <translation>Reading the standards tree</translation>
    </message>
    <message>
        <source>Reading the attached standards</source>
        <translation>Reading the attached standards</translation>
    </message>
    <message>
        <source>Saving the standards tree</source>
        <translation>Saving the standards tree</translation>
    </message>
    <message>
        <source>Recording the standards history</source>
        <translation>Recording the standards history</translation>
    </message>
    <message>
        <source>The standards tree was not saved: %1 is attached to a category it would drop.</source>
        <translation>The standards tree was not saved: %1 is attached to a category it would drop.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 does not exist.</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 could not be read: %2</translation>
    </message>
    <message>
        <source>A standard needs a number and a title.</source>
        <translation>A standard needs a number and a title.</translation>
    </message>
    <message>
        <source>%1 is already attached to %2.</source>
        <translation>%1 is already attached to %2.</translation>
    </message>
    <message>
        <source>%1 cannot be implemented (%2) before it is published (%3).</source>
        <translation>%1 cannot be implemented (%2) before it is published (%3).</translation>
    </message>
    <message>
        <source>Attaching %1</source>
        <translation>Attaching %1</translation>
    </message>
    <message>
        <source>The standards tree has no category %1.</source>
        <translation>The standards tree has no category %1.</translation>
    </message>
    <message>
        <source>Attached %1 %2 (%3, %4).</source>
        <translation>Attached %1 %2 (%3, %4).</translation>
    </message>
    <message>
        <source>No standard with id %1 is attached.</source>
        <translation>No standard with id %1 is attached.</translation>
    </message>
    <message>
        <source>Detached %1 %2.</source>
        <translation>Detached %1 %2.</translation>
    </message>
    <message>
        <source>Detaching %1</source>
        <translation>Detaching %1</translation>
    </message>
    <message>
        <source>Reading a standard&apos;s document</source>
        <translation>Reading a standard&apos;s document</translation>
    </message>
    <message>
        <source>Reading the standards history</source>
        <translation>Reading the standards history</translation>
    </message>
    <message>
        <source>The shipped standard system could not be read: %1</source>
        <translation>The shipped standard system could not be read: %1</translation>
    </message>
    <message>
        <source>The standard system is not valid JSON: %1</source>
        <translation>The standard system is not valid JSON: %1</translation>
    </message>
    <message>
        <source>Clause %1 is coded %2 but its place in the tree gives %3.</source>
        <translation>Clause %1 is coded %2 but its place in the tree gives %3.</translation>
    </message>
    <message>
        <source>Standards node %1 is missing or repeated.</source>
        <translation>Standards node %1 is missing or repeated.</translation>
    </message>
    <message>
        <source>Standards node %1 names an unknown parent %2.</source>
        <translation>Standards node %1 names an unknown parent %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not the code of a sub-system.</source>
        <translation>&quot;%1&quot; is not the code of a sub-system.</translation>
    </message>
    <message>
        <source>The code %1 is used twice.</source>
        <translation>The code %1 is used twice.</translation>
    </message>
    <message>
        <source>Under %1 a category cannot have the number %2: the code has one digit for it (1 to 9).</source>
        <translation>Under %1 a category cannot have the number %2: the code has one digit for it (1 to 9).</translation>
    </message>
    <message>
        <source>A category needs a Chinese and an English title.</source>
        <translation>A category needs a Chinese and an English title.</translation>
    </message>
    <message>
        <source>%1 already has a category numbered %2 (%3).</source>
        <translation>%1 already has a category numbered %2 (%3).</translation>
    </message>
    <message>
        <source>Added %1 %2 / %3 under %4.</source>
        <translation>Added %1 %2 / %3 under %4.</translation>
    </message>
    <message>
        <source>%1 is one of the four sub-systems and cannot be removed.</source>
        <translation>%1 is one of the four sub-systems and cannot be removed.</translation>
    </message>
    <message numerus="yes">
        <source>%1 cannot be removed: it has %n sub-categories; remove or move them first.</source>
        <translation>
            <numerusform>%1 cannot be removed: it has %n sub-category; remove or move it first.</numerusform>
            <numerusform>%1 cannot be removed: it has %n sub-categories; remove or move them first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 cannot be removed: %n standard(s) are attached to it; detach them first.</source>
        <translation>
            <numerusform>%1 cannot be removed: %n standard is attached to it; detach it first.</numerusform>
            <numerusform>%1 cannot be removed: %n standards are attached to it; detach them first.</numerusform>
        </translation>
    </message>
    <message>
        <source>Removed %1 %2 / %3.</source>
        <translation>Removed %1 %2 / %3.</translation>
    </message>
    <message>
        <source>%1 is one of the four sub-systems and cannot be moved.</source>
        <translation>%1 is one of the four sub-systems and cannot be moved.</translation>
    </message>
    <message>
        <source>%1 cannot be moved under itself or its own sub-category %2.</source>
        <translation>%1 cannot be moved under itself or its own sub-category %2.</translation>
    </message>
    <message>
        <source>%1 is already under %2; renumber it to change its place.</source>
        <translation>%1 is already under %2; renumber it to change its place.</translation>
    </message>
    <message>
        <source>%1 cannot be moved under %2: %3</source>
        <translation>%1 cannot be moved under %2: %3</translation>
    </message>
    <message>
        <source>Moved %1 under %2; it is now %3.</source>
        <translation>Moved %1 under %2; it is now %3.</translation>
    </message>
    <message>
        <source>%1 is one of the four sub-systems; its code is fixed.</source>
        <translation>%1 is one of the four sub-systems; its code is fixed.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a well-formed code (such as TG240, GL259 or GL251-3-1).</source>
        <translation>&quot;%1&quot; is not a well-formed code (such as TG240, GL259 or GL251-3-1).</translation>
    </message>
    <message>
        <source>%1 is taken by %2 / %3.</source>
        <translation>%1 is taken by %2 / %3.</translation>
    </message>
    <message>
        <source>%1 cannot become %2: renumbering keeps a category under its parent %3; move it to change the parent.</source>
        <translation>%1 cannot become %2: renumbering keeps a category under its parent %3; move it to change the parent.</translation>
    </message>
    <message numerus="yes">
        <source>Renumbered %1 to %2 with its %n sub-categories.</source>
        <translation>
            <numerusform>Renumbered %1 to %2 with its %n sub-category.</numerusform>
            <numerusform>Renumbered %1 to %2 with its %n sub-categories.</numerusform>
        </translation>
    </message>
    <message>
        <source>The standards tree with its system table and detail list</source>
        <translation>The standards tree with its system table and detail list</translation>
    </message>
    <message>
        <source>Case categories (components and events) with their units and time limits</source>
        <translation>Case categories (components and events) with their units and time limits</translation>
    </message>
    <message>
        <source>Case types: immediate, promised, joint-handling, escalated, returned, rejected, supplementary, special</source>
        <translation>Case types: immediate, promised, joint-handling, escalated, returned, rejected, supplementary, special</translation>
    </message>
    <message>
        <source>Coverage check: grids without an information collector</source>
        <translation>Coverage check: grids without an information collector</translation>
    </message>
    <message>
        <source>The closed loop of a case, from report to evaluation, with supervision and escalation</source>
        <translation>The closed loop of a case, from report to evaluation, with supervision and escalation</translation>
    </message>
    <message>
        <source>The workflow engine checking each action against the loop, the role and the unit</source>
        <translation>The workflow engine checking each action against the loop, the role and the unit</translation>
    </message>
    <message>
        <source>Every action on a case kept as an event in its history</source>
        <translation>Every action on a case kept as an event in its history</translation>
    </message>
    <message>
        <source>Grid topology checks: validity, overlaps, gaps, fine grids inside base grids</source>
        <translation>Grid topology checks: validity, overlaps, gaps, fine grids inside base grids</translation>
    </message>
    <message>
        <source>Published editions of the grid map with each grid&apos;s versions</source>
        <translation>Published editions of the grid map with each grid&apos;s versions</translation>
    </message>
    <message>
        <source>Import of base grids from boundary files</source>
        <translation>Import of base grids from boundary files</translation>
    </message>
    <message>
        <source>Subdividing a base grid into fine grids</source>
        <translation>Subdividing a base grid into fine grids</translation>
    </message>
    <message>
        <source>The org chart&apos;s six tiers, from city supervision centre to grid supervisor</source>
        <translation>The org chart&apos;s six tiers, from city supervision centre to grid supervisor</translation>
    </message>
    <message>
        <source>The tier rule: a tier may be skipped, never inverted</source>
        <translation>The tier rule: a tier may be skipped, never inverted</translation>
    </message>
    <message>
        <source>Coordination groups and leading groups of the org chart</source>
        <translation>Coordination groups and leading groups of the org chart</translation>
    </message>
    <message>
        <source>Import of citizen hotline (12345, 311) case exports</source>
        <translation>Import of citizen hotline (12345, 311) case exports</translation>
    </message>
    <message>
        <source>Auto-dispatch: the rule table proposing the responsible unit</source>
        <translation>Auto-dispatch: the rule table proposing the responsible unit</translation>
    </message>
    <message>
        <source>Dispatch dry run of a rule table against past cases</source>
        <translation>Dispatch dry run of a rule table against past cases</translation>
    </message>
    <message>
        <source>Stage deadlines on the working-time calendar, with warnings and alarms</source>
        <translation>Stage deadlines on the working-time calendar, with warnings and alarms</translation>
    </message>
    <message>
        <source>Masked personal numbers, shown whole only after a recorded reveal</source>
        <translation>Masked personal numbers, shown whole only after a recorded reveal</translation>
    </message>
    <message>
        <source>Deadline rules putting overdue cases under supervision or escalating them</source>
        <translation>Deadline rules putting overdue cases under supervision or escalating them</translation>
    </message>
    <message>
        <source>The working-time calendar with the official holiday schedule</source>
        <translation>The working-time calendar with the official holiday schedule</translation>
    </message>
    <message>
        <source>The decision post of the org chart</source>
        <translation>The decision post of the org chart</translation>
    </message>
    <message>
        <source>The management post of the org chart</source>
        <translation>The management post of the org chart</translation>
    </message>
    <message>
        <source>The general management post of the org chart</source>
        <translation>The general management post of the org chart</translation>
    </message>
    <message>
        <source>The five grid staff posts: supervisor, patroller, information collector, grid head, assistant</source>
        <translation>The five grid staff posts: supervisor, patroller, information collector, grid head, assistant</translation>
    </message>
    <message>
        <source>The joint-handling staff post of the org chart</source>
        <translation>The joint-handling staff post of the org chart</translation>
    </message>
    <message>
        <source>The co-governance post of the org chart</source>
        <translation>The co-governance post of the org chart</translation>
    </message>
    <message>
        <source>The big-data staff post of the org chart</source>
        <translation>The big-data staff post of the org chart</translation>
    </message>
    <message>
        <source>The standards tree was changed elsewhere since it was opened here (written %1 time(s) now, %2 when opened). Reload it and make the changes again.</source>
        <translation>The standards tree was changed elsewhere since it was opened here (written %1 time(s) now, %2 when opened). Reload it and make the changes again.</translation>
    </message>
    <message>
        <source>The standard %1 (#%2) is attached to the standards node %3, which the tree does not have.</source>
        <translation>The standard %1 (#%2) is attached to the standards node %3, which the tree does not have.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a document.</source>
        <translation>%1 is a folder, not a document.</translation>
    </message>
    <message>
        <source>%1 is %2 bytes; a document kept in the workspace may be at most %3 MB (%4 bytes).</source>
        <translation>%1 is %2 bytes; a document kept in the workspace may be at most %3 MB (%4 bytes).</translation>
    </message>
    <message>
        <source>A standard&apos;s number and title must each be one line of text, without line breaks or control characters.</source>
        <translation>A standard&apos;s number and title must each be one line of text, without line breaks or control characters.</translation>
    </message>
    <message numerus="yes">
        <source>%n standards node(s) cannot be reached from a sub-system (their parents form a loop): %1.</source>
        <translation>
            <numerusform>%n standards node cannot be reached from a sub-system (its parents form a loop): %1.</numerusform>
            <numerusform>%n standards nodes cannot be reached from a sub-system (their parents form a loop): %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>A category&apos;s titles must each be one line of text, without line breaks or control characters.</source>
        <translation>A category&apos;s titles must each be one line of text, without line breaks or control characters.</translation>
    </message>
    <message>
        <source>%1 is already %2.</source>
        <translation>%1 is already %2.</translation>
    </message>
    <message>
        <source>%1 cannot become %2: categories under %3 are numbered from 1 to 999, not %4.</source>
        <translation>%1 cannot become %2: categories under %3 are numbered from 1 to 999, not %4.</translation>
    </message>
</context>
<context>
    <name>GridDesk::StandardsBrowser</name>
    <message>
        <source>Search codes, titles, summaries and attached standards (Ctrl+F)</source>
        <translation>Search codes, titles, summaries and attached standards (Ctrl+F)</translation>
    </message>
    <message numerus="yes">
        <source>%1 categories · %n standard(s) attached · %2 categories without a standard · %3 categories nothing in GridDesk implements</source>
        <extracomment>%1 categories; %n standards; %2 and %3 numbers of categories</extracomment>
        <translation>
            <numerusform>%1 categories · %n standard attached · %2 categories without a standard · %3 categories nothing in GridDesk implements</numerusform>
            <numerusform>%1 categories · %n standards attached · %2 categories without a standard · %3 categories nothing in GridDesk implements</numerusform>
        </translation>
    </message>
    <message>
        <source>Standard system[*]</source>
        <translation>Standard system[*]</translation>
    </message>
    <message>
        <source>Standard system — %1[*]</source>
        <extracomment>%1 is the workspace file&apos;s name</extracomment>
        <translation>Standard system — %1[*]</translation>
    </message>
    <message>
        <source>Add a category under %1</source>
        <extracomment>%1 is a category code</extracomment>
        <translation>Add a category under %1</translation>
    </message>
    <message>
        <source>Category not added</source>
        <translation>Category not added</translation>
    </message>
    <message>
        <source>Added %1.</source>
        <translation>Added %1.</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Remove %1</translation>
    </message>
    <message>
        <source>Category not removed</source>
        <translation>Category not removed</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>Removed %1.</translation>
    </message>
    <message>
        <source>Move %1 under %2</source>
        <extracomment>%1 and %2 are category codes</extracomment>
        <translation>Move %1 under %2</translation>
    </message>
    <message>
        <source>Category not moved</source>
        <translation>Category not moved</translation>
    </message>
    <message>
        <source>Moved %1; it is now %2.</source>
        <translation>Moved %1; it is now %2.</translation>
    </message>
    <message>
        <source>Renumber %1 to %2</source>
        <extracomment>%1 old code, %2 new code</extracomment>
        <translation>Renumber %1 to %2</translation>
    </message>
    <message>
        <source>Category not renumbered</source>
        <translation>Category not renumbered</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 is now %2.</translation>
    </message>
    <message>
        <source>Standard not attached</source>
        <translation>Standard not attached</translation>
    </message>
    <message>
        <source>Attached %1; Save keeps it in the workspace.</source>
        <translation>Attached %1; Save keeps it in the workspace.</translation>
    </message>
    <message>
        <source>Standard not detached</source>
        <translation>Standard not detached</translation>
    </message>
    <message>
        <source>Detached; Save removes it from the workspace.</source>
        <translation>Detached; Save removes it from the workspace.</translation>
    </message>
    <message>
        <source>Standards tree saved.</source>
        <translation>Standards tree saved.</translation>
    </message>
    <message>
        <source>Standards tree not saved</source>
        <translation>Standards tree not saved</translation>
    </message>
    <message numerus="yes">
        <source>Reload and drop my %n unsaved change(s)</source>
        <translation>
            <numerusform>Reload and drop my %n unsaved change</numerusform>
            <numerusform>Reload and drop my %n unsaved changes</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Keep editing</translation>
    </message>
    <message>
        <source>Standards tree not reloaded</source>
        <translation>Standards tree not reloaded</translation>
    </message>
    <message>
        <source>The standards tree was reloaded as the workspace holds it.</source>
        <translation>The standards tree was reloaded as the workspace holds it.</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>Not exported</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Exported to %1.</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 cannot be written: %2</translation>
    </message>
    <message>
        <source>This standard has no document.</source>
        <translation>This standard has no document.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message numerus="yes">
        <source>The standards tree has %n unsaved change(s). Save them before closing?</source>
        <translation>
            <numerusform>The standards tree has %n unsaved change. Save it before closing?</numerusform>
            <numerusform>The standards tree has %n unsaved changes. Save them before closing?</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>&amp;Reload from workspace</source>
        <translation>&amp;Reload from workspace</translation>
    </message>
    <message>
        <source>Export system table as &amp;CSV…</source>
        <translation>Export system table as &amp;CSV…</translation>
    </message>
    <message>
        <source>Export system table as &amp;PDF…</source>
        <translation>Export system table as &amp;PDF…</translation>
    </message>
    <message>
        <source>Export detail list as C&amp;SV…</source>
        <translation>Export detail list as C&amp;SV…</translation>
    </message>
    <message>
        <source>Export detail list as P&amp;DF…</source>
        <translation>Export detail list as P&amp;DF…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>&amp;Add category…</source>
        <translation>&amp;Add category…</translation>
    </message>
    <message>
        <source>Re&amp;move category</source>
        <translation>Re&amp;move category</translation>
    </message>
    <message>
        <source>Mo&amp;ve category to…</source>
        <translation>Mo&amp;ve category to…</translation>
    </message>
    <message>
        <source>Re&amp;number…</source>
        <translation>Re&amp;number…</translation>
    </message>
    <message>
        <source>A&amp;ttach standard…</source>
        <translation>A&amp;ttach standard…</translation>
    </message>
    <message>
        <source>&amp;Detach standard</source>
        <translation>&amp;Detach standard</translation>
    </message>
    <message>
        <source>&amp;Open document</source>
        <translation>&amp;Open document</translation>
    </message>
    <message>
        <source>&amp;Expand all</source>
        <translation>&amp;Expand all</translation>
    </message>
    <message>
        <source>&amp;Collapse all</source>
        <translation>&amp;Collapse all</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Standards</source>
        <translation>Standards</translation>
    </message>
    <message>
        <source>%1 has no other place to go.</source>
        <translation>%1 has no other place to go.</translation>
    </message>
    <message>
        <source>Renumber %1</source>
        <extracomment>%1 is the category&apos;s code</extracomment>
        <translation>Renumber %1</translation>
    </message>
    <message>
        <source>New code under the same parent (its sub-categories are coded anew):</source>
        <translation>New code under the same parent (its sub-categories are coded anew):</translation>
    </message>
    <message>
        <source>standard-system-table</source>
        <translation>standard-system-table</translation>
    </message>
    <message>
        <source>standard-detail-list</source>
        <translation>standard-detail-list</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Reload</translation>
    </message>
    <message numerus="yes">
        <source>Reloading drops %n unsaved change(s). Reload anyway?</source>
        <translation>
            <numerusform>Reloading drops %n unsaved change. Reload anyway?</numerusform>
            <numerusform>Reloading drops %n unsaved changes. Reload anyway?</numerusform>
        </translation>
    </message>
    <message>
        <source>Document not opened</source>
        <translation>Document not opened</translation>
    </message>
    <message>
        <source>No program is set up to open %1; it is saved as %2.</source>
        <translation>No program is set up to open %1; it is saved as %2.</translation>
    </message>
</context>
<context>
    <name>GridDesk::StandardsDetail</name>
    <message>
        <source>Nothing in GridDesk implements this clause yet.</source>
        <translation>Nothing in GridDesk implements this clause yet.</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>Code:</translation>
    </message>
    <message>
        <source>Clause:</source>
        <translation>Clause:</translation>
    </message>
    <message>
        <source>Title (Chinese):</source>
        <translation>Title (Chinese):</translation>
    </message>
    <message>
        <source>Title (English):</source>
        <translation>Title (English):</translation>
    </message>
    <message>
        <source>Summary (Chinese):</source>
        <translation>Summary (Chinese):</translation>
    </message>
    <message>
        <source>Summary (English):</source>
        <translation>Summary (English):</translation>
    </message>
    <message>
        <source>Implemented by:</source>
        <translation>Implemented by:</translation>
    </message>
    <message>
        <source>Attached standards</source>
        <translation>Attached standards</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>none: a category of the organisation&apos;s own</source>
        <translation>none: a category of the organisation&apos;s own</translation>
    </message>
    <message>
        <source>unsaved</source>
        <translation>unsaved</translation>
    </message>
</context>
<context>
    <name>GridDesk::StandardsDocument</name>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 does not exist.</translation>
    </message>
    <message>
        <source>%1 is %2 MB; a document kept in the workspace may be at most %3 MB.</source>
        <extracomment>%1 file name, %2 its size in MB, %3 the largest size in MB</extracomment>
        <translation>%1 is %2 MB; a document kept in the workspace may be at most %3 MB.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 cannot be read: %2</translation>
    </message>
    <message>
        <source>A standard needs a number and a title.</source>
        <translation>A standard needs a number and a title.</translation>
    </message>
    <message>
        <source>%1 is already attached to %2.</source>
        <translation>%1 is already attached to %2.</translation>
    </message>
    <message>
        <source>%1 cannot be implemented (%2) before it is published (%3).</source>
        <extracomment>%1 standard number, %2 and %3 dates</extracomment>
        <translation>%1 cannot be implemented (%2) before it is published (%3).</translation>
    </message>
    <message>
        <source>Read only: the desk acts as nobody. Choose a user to edit the standards tree.</source>
        <translation>Read only: the desk acts as nobody. Choose a user to edit the standards tree.</translation>
    </message>
    <message>
        <source>Read only: %1 acts in the role &quot;%2&quot;; only leaders and administrators change the standards tree.</source>
        <extracomment>%1 is a person, %2 their role key</extracomment>
        <translation>Read only: %1 acts in the role &quot;%2&quot;; only leaders and administrators change the standards tree.</translation>
    </message>
    <message>
        <source>The category to attach to no longer exists.</source>
        <translation>The category to attach to no longer exists.</translation>
    </message>
    <message>
        <source>Attached %1 %2.</source>
        <translation>Attached %1 %2.</translation>
    </message>
    <message>
        <source>Attach %1 to %2</source>
        <translation>Attach %1 to %2</translation>
    </message>
    <message>
        <source>That standard is no longer attached.</source>
        <translation>That standard is no longer attached.</translation>
    </message>
    <message>
        <source>Detached %1 %2.</source>
        <translation>Detached %1 %2.</translation>
    </message>
    <message>
        <source>Detach %1 from %2</source>
        <translation>Detach %1 from %2</translation>
    </message>
    <message>
        <source>The document chosen for this standard cannot be read: %1</source>
        <translation>The document chosen for this standard cannot be read: %1</translation>
    </message>
    <message>
        <source>none was chosen</source>
        <translation>none was chosen</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>No workspace is open.</translation>
    </message>
    <message>
        <source>The standards tree of this workspace was changed elsewhere since it was opened here; saving would overwrite those changes.</source>
        <translation>The standards tree of this workspace was changed elsewhere since it was opened here; saving would overwrite those changes.</translation>
    </message>
</context>
<context>
    <name>GridDesk::StandardsTreeModel</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Standards</source>
        <translation>Standards</translation>
    </message>
    <message>
        <source>Implemented by</source>
        <translation>Implemented by</translation>
    </message>
    <message>
        <source>No standard is attached to this category.</source>
        <translation>No standard is attached to this category.</translation>
    </message>
    <message>
        <source>Nothing in GridDesk implements this clause yet.</source>
        <translation>Nothing in GridDesk implements this clause yet.</translation>
    </message>
</context>
<context>
    <name>GridDesk::SubdivideDialog</name>
    <message>
        <source>Into about this many &amp;parts:</source>
        <translation>Into about this many &amp;parts:</translation>
    </message>
    <message>
        <source>Into parts of about this &amp;area:</source>
        <translation>Into parts of about this &amp;area:</translation>
    </message>
    <message>
        <source>Subdivide %1 (%2)</source>
        <extracomment>%1 is a grid name, %2 its code</extracomment>
        <translation>Subdivide %1 (%2)</translation>
    </message>
    <message>
        <source> m²</source>
        <translation> m²</translation>
    </message>
    <message>
        <source>The base grid of %1 m² is cut into a lattice of squares; slivers are merged into their neighbours. Fine grids it has now are replaced.</source>
        <translation>The base grid of %1 m² is cut into a lattice of squares; slivers are merged into their neighbours. Fine grids it has now are replaced.</translation>
    </message>
    <message>
        <source>&amp;Subdivide</source>
        <translation>&amp;Subdivide</translation>
    </message>
    <message numerus="yes">
        <source>Makes %n fine grids of %1 m² on average.</source>
        <extracomment>%n fine grids, %1 their average area in square metres</extracomment>
        <translation>
            <numerusform>Makes %n fine grid of %1 m².</numerusform>
            <numerusform>Makes %n fine grids of %1 m² on average.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::Sync</name>
    <message>
        <source>Finding case %1 %2: %3</source>
        <translation>Finding case %1 %2: %3</translation>
    </message>
    <message>
        <source>The server&apos;s history of the case differs from event %1 on: another desk acted first, or the server refused the action.</source>
        <translation>The server&apos;s history of the case differs from event %1 on: another desk acted first, or the server refused the action.</translation>
    </message>
    <message>
        <source>Case %1 %2 from the server</source>
        <translation>Case %1 %2 from the server</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>queued</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>applied</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rejected</translation>
    </message>
    <message>
        <source>discarded</source>
        <translation>discarded</translation>
    </message>
    <message>
        <source>redone</source>
        <translation>redone</translation>
    </message>
    <message>
        <source>Reading the case merged into</source>
        <translation>Reading the case merged into</translation>
    </message>
    <message>
        <source>Queueing the action for the server</source>
        <translation>Queueing the action for the server</translation>
    </message>
    <message>
        <source>Reading the outbox</source>
        <translation>Reading the outbox</translation>
    </message>
    <message>
        <source>The outbox has no command %1.</source>
        <translation>The outbox has no command %1.</translation>
    </message>
    <message>
        <source>Updating the outbox</source>
        <translation>Updating the outbox</translation>
    </message>
    <message>
        <source>Writing the server&apos;s answer</source>
        <translation>Writing the server&apos;s answer</translation>
    </message>
    <message>
        <source>Command %1 is %2; only a rejected command can be discarded.</source>
        <translation>Command %1 is %2; only a rejected command can be discarded.</translation>
    </message>
    <message>
        <source>Command %1 is %2; only a rejected command can be made again.</source>
        <translation>Command %1 is %2; only a rejected command can be made again.</translation>
    </message>
    <message>
        <source>Command %1 reported case %2 %3, which the server refused; report it again with what the server needs, or discard the command.</source>
        <translation>Command %1 reported case %2 %3, which the server refused; report it again with what the server needs, or discard the command.</translation>
    </message>
    <message>
        <source>The case to merge into, %1 %2, is not in this workspace.</source>
        <translation>The case to merge into, %1 %2, is not in this workspace.</translation>
    </message>
    <message>
        <source>The password file %1 cannot be read: %2.</source>
        <translation>The password file %1 cannot be read: %2.</translation>
    </message>
    <message>
        <source>No password was given: use --password-file FILE, or type it when asked.</source>
        <translation>No password was given: use --password-file FILE, or type it when asked.</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: %2</source>
        <translation>&quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>not a text</source>
        <translation>not a text</translation>
    </message>
    <message>
        <source>longer than %1 characters</source>
        <translation>longer than %1 characters</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>empty</translation>
    </message>
    <message>
        <source>not a date and time: %1</source>
        <translation>not a date and time: %1</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>not an object</translation>
    </message>
    <message>
        <source>not a longitude and latitude in degrees (WGS84)</source>
        <translation>not a longitude and latitude in degrees (WGS84)</translation>
    </message>
    <message>
        <source>the case changed meanwhile</source>
        <translation>the case changed meanwhile</translation>
    </message>
    <message>
        <source>not allowed in the case&apos;s state</source>
        <translation>not allowed in the case&apos;s state</translation>
    </message>
    <message>
        <source>not allowed for the account&apos;s role</source>
        <translation>not allowed for the account&apos;s role</translation>
    </message>
    <message>
        <source>outside the account&apos;s jurisdiction</source>
        <translation>outside the account&apos;s jurisdiction</translation>
    </message>
    <message>
        <source>the server has no such case</source>
        <translation>the server has no such case</translation>
    </message>
    <message>
        <source>malformed</source>
        <translation>malformed</translation>
    </message>
    <message>
        <source>the server already has this case</source>
        <translation>the server already has this case</translation>
    </message>
    <message>
        <source>the command&apos;s id is taken</source>
        <translation>the command&apos;s id is taken</translation>
    </message>
    <message>
        <source>8 to 64 letters, digits, &apos;-&apos; or &apos;_&apos; are expected, not %1</source>
        <translation>8 to 64 letters, digits, &apos;-&apos; or &apos;_&apos; are expected, not %1</translation>
    </message>
    <message>
        <source>&quot;report&quot; or &quot;act&quot; is expected</source>
        <translation>&quot;report&quot; or &quot;act&quot; is expected</translation>
    </message>
    <message>
        <source>unknown action %1; one of %2 is expected</source>
        <translation>unknown action %1; one of %2 is expected</translation>
    </message>
    <message>
        <source>a report command takes &quot;report&quot;</source>
        <translation>a report command takes &quot;report&quot;</translation>
    </message>
    <message>
        <source>a case version is expected</source>
        <translation>a case version is expected</translation>
    </message>
    <message>
        <source>unit codes are expected</source>
        <translation>unit codes are expected</translation>
    </message>
    <message>
        <source>a merge names the case it goes into</source>
        <translation>a merge names the case it goes into</translation>
    </message>
    <message>
        <source>an answer without id or status</source>
        <translation>an answer without id or status</translation>
    </message>
    <message>
        <source>unknown refusal %1</source>
        <translation>unknown refusal %1</translation>
    </message>
    <message>
        <source>event %1 of case %2 %3 cannot be read</source>
        <translation>event %1 of case %2 %3 cannot be read</translation>
    </message>
    <message>
        <source>a case without history</source>
        <translation>a case without history</translation>
    </message>
    <message>
        <source>The CA certificate file %1 cannot be read: %2.</source>
        <translation>The CA certificate file %1 cannot be read: %2.</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate (&quot;-----BEGIN CERTIFICATE-----&quot;).</source>
        <translation>%1 holds no PEM certificate (&quot;-----BEGIN CERTIFICATE-----&quot;).</translation>
    </message>
    <message>
        <source>The server&apos;s address must be https://HOST:PORT, not %1.</source>
        <translation>The server&apos;s address must be https://HOST:PORT, not %1.</translation>
    </message>
    <message>
        <source>%1: the server&apos;s certificate is not trusted (%2). Give the city&apos;s CA certificate with --ca, or ask the server&apos;s administrator; the connection was not made.</source>
        <translation>%1: the server&apos;s certificate is not trusted (%2). Give the city&apos;s CA certificate with --ca, or ask the server&apos;s administrator; the connection was not made.</translation>
    </message>
    <message>
        <source>%1: the server cannot be reached: %2</source>
        <translation>%1: the server cannot be reached: %2</translation>
    </message>
    <message>
        <source>%1: the server&apos;s answer is not JSON: %2</source>
        <translation>%1: the server&apos;s answer is not JSON: %2</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>HTTP %1, %2: %3</source>
        <translation>HTTP %1, %2: %3</translation>
    </message>
    <message>
        <source>%1: the server refused: %2</source>
        <translation>%1: the server refused: %2</translation>
    </message>
    <message>
        <source>The server&apos;s login answer has no token.</source>
        <translation>The server&apos;s login answer has no token.</translation>
    </message>
    <message>
        <source>The server answered %1 of %2 commands.</source>
        <translation>The server answered %1 of %2 commands.</translation>
    </message>
    <message>
        <source>The server&apos;s feed answer has no cursor.</source>
        <translation>The server&apos;s feed answer has no cursor.</translation>
    </message>
    <message>
        <source>Queueing the grid edition for the server</source>
        <translation>Queueing the grid edition for the server</translation>
    </message>
    <message>
        <source>The draft has no changes to publish.</source>
        <translation>The draft has no changes to publish.</translation>
    </message>
    <message>
        <source>Say what this edition changes.</source>
        <translation>Say what this edition changes.</translation>
    </message>
    <message>
        <source>Say who publishes this edition.</source>
        <translation>Say who publishes this edition.</translation>
    </message>
    <message>
        <source>A grid edition sent from this workspace still waits for the server&apos;s answer; sync first.</source>
        <translation>A grid edition sent from this workspace still waits for the server&apos;s answer; sync first.</translation>
    </message>
    <message>
        <source>a whole number of 0 or more is expected</source>
        <translation>a whole number of 0 or more is expected</translation>
    </message>
    <message>
        <source>one of %1 is expected</source>
        <translation>one of %1 is expected</translation>
    </message>
    <message>
        <source>an area in m² is expected</source>
        <translation>an area in m² is expected</translation>
    </message>
    <message>
        <source>base64 WKB is expected</source>
        <translation>base64 WKB is expected</translation>
    </message>
    <message>
        <source>more than %1 grids in one edition</source>
        <translation>more than %1 grids in one edition</translation>
    </message>
    <message>
        <source>grid codes are expected</source>
        <translation>grid codes are expected</translation>
    </message>
    <message>
        <source>the edition changes no grid</source>
        <translation>the edition changes no grid</translation>
    </message>
    <message>
        <source>an unknown kind of lineage</source>
        <translation>an unknown kind of lineage</translation>
    </message>
    <message>
        <source>an edition number is expected</source>
        <translation>an edition number is expected</translation>
    </message>
    <message>
        <source>not a date and time</source>
        <translation>not a date and time</translation>
    </message>
    <message>
        <source>%1: the wait for new cases was cut short.</source>
        <translation>%1: the wait for new cases was cut short.</translation>
    </message>
    <message>
        <source>The server sent a grid edition this desk cannot read: %1</source>
        <translation>The server sent a grid edition this desk cannot read: %1</translation>
    </message>
    <message>
        <source>%1: the file the server sent is not the one asked for.</source>
        <translation>%1: the file the server sent is not the one asked for.</translation>
    </message>
    <message>
        <source>The file of attach command %1 is no longer in the workspace.</source>
        <translation>The file of attach command %1 is no longer in the workspace.</translation>
    </message>
    <message>
        <source>Looking for attachments to fetch: %1</source>
        <translation>Looking for attachments to fetch: %1</translation>
    </message>
    <message>
        <source>Queueing the org chart for the server</source>
        <translation>Queueing the org chart for the server</translation>
    </message>
    <message>
        <source>The org chart has no changes to send.</source>
        <translation>The org chart has no changes to send.</translation>
    </message>
    <message>
        <source>the server&apos;s org chart</source>
        <translation>the server&apos;s org chart</translation>
    </message>
    <message>
        <source>not valid Unicode text</source>
        <translation>not valid Unicode text</translation>
    </message>
    <message>
        <source>not a list</source>
        <translation>not a list</translation>
    </message>
    <message>
        <source>a list of texts is expected</source>
        <translation>a list of texts is expected</translation>
    </message>
    <message>
        <source>a whole number is expected</source>
        <translation>a whole number is expected</translation>
    </message>
    <message>
        <source>&quot;tier&quot; or &quot;joint&quot; is expected</source>
        <translation>&quot;tier&quot; or &quot;joint&quot; is expected</translation>
    </message>
    <message>
        <source>&quot;coordination&quot; or &quot;leading&quot; is expected</source>
        <translation>&quot;coordination&quot; or &quot;leading&quot; is expected</translation>
    </message>
    <message>
        <source>a list of person ids is expected</source>
        <translation>a list of person ids is expected</translation>
    </message>
    <message>
        <source>distinct whole person ids are expected</source>
        <translation>distinct whole person ids are expected</translation>
    </message>
    <message>
        <source>a list is expected</source>
        <translation>a list is expected</translation>
    </message>
    <message>
        <source>The server sent an org chart this desk cannot read: %1</source>
        <translation>The server sent an org chart this desk cannot read: %1</translation>
    </message>
    <message>
        <source>Writing the register links of case %1</source>
        <translation>Writing the register links of case %1</translation>
    </message>
    <message>
        <source>Queuing the change of register entry %1</source>
        <translation>Queuing the change of register entry %1</translation>
    </message>
    <message>
        <source>Command %1 is not of the kind asked for.</source>
        <translation>Command %1 is not of the kind asked for.</translation>
    </message>
    <message>
        <source>The server&apos;s org chart has not been taken in since it refused command %1; sync first, then make it again.</source>
        <translation>The server&apos;s org chart has not been taken in since it refused command %1; sync first, then make it again.</translation>
    </message>
    <message>
        <source>The changes of command %1 do not fit the org chart as it is now: %2 Make them again by hand in the org chart editor.</source>
        <translation>The changes of command %1 do not fit the org chart as it is now: %2 Make them again by hand in the org chart editor.</translation>
    </message>
    <message>
        <source>duplicates a register entry</source>
        <translation>duplicates a register entry</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>not a number</translation>
    </message>
    <message>
        <source>a longitude without a latitude or the reverse</source>
        <translation>a longitude without a latitude or the reverse</translation>
    </message>
    <message>
        <source>not a text or a number</source>
        <translation>not a text or a number</translation>
    </message>
    <message>
        <source>not hexadecimal</source>
        <translation>not hexadecimal</translation>
    </message>
    <message>
        <source>not one of %1</source>
        <translation>not one of %1</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>too large</translation>
    </message>
    <message>
        <source>a merge names the entry merged away, and nothing else does</source>
        <translation>a merge names the entry merged away, and nothing else does</translation>
    </message>
    <message>
        <source>Reading the register&apos;s history</source>
        <translation>Reading the register&apos;s history</translation>
    </message>
    <message>
        <source>Reading the history of %1</source>
        <translation>Reading the history of %1</translation>
    </message>
    <message>
        <source>Command %1 added the entry %2, which the server refused; add it again with what the server needs (or merge it with the entry it duplicates), or discard the command.</source>
        <translation>Command %1 added the entry %2, which the server refused; add it again with what the server needs (or merge it with the entry it duplicates), or discard the command.</translation>
    </message>
    <message>
        <source>The register has no entry %1 any more.</source>
        <translation>The register has no entry %1 any more.</translation>
    </message>
    <message>
        <source>The server&apos;s register feed went back from %1 to %2.</source>
        <translation>The server&apos;s register feed went back from %1 to %2.</translation>
    </message>
    <message>
        <source>The server sent a register entry this desk cannot read: %1</source>
        <translation>The server sent a register entry this desk cannot read: %1</translation>
    </message>
    <message>
        <source>one of operator, supervisor, unit_handler, leader is expected (system only for a report or a repeat an intake channel filed)</source>
        <translation>one of operator, supervisor, unit_handler, leader is expected (system only for a report or a repeat an intake channel filed)</translation>
    </message>
</context>
<context>
    <name>GridDesk::SyncControls</name>
    <message>
        <source>Rejected commands</source>
        <translation>Rejected commands</translation>
    </message>
    <message>
        <source>&amp;Connect to server…</source>
        <translation>&amp;Connect to server…</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Disconnect</translation>
    </message>
    <message>
        <source>Disconnected; actions wait in the outbox until the desk connects again.</source>
        <translation>Disconnected; actions wait in the outbox until the desk connects again.</translation>
    </message>
    <message>
        <source>&amp;Rejected commands…</source>
        <translation>&amp;Rejected commands…</translation>
    </message>
    <message>
        <source>Connected to %1; the desk syncs in the background.</source>
        <translation>Connected to %1; the desk syncs in the background.</translation>
    </message>
    <message numerus="yes">
        <source>The server rejected %n of your actions; Sync → Rejected commands lists them to redo or discard.</source>
        <translation>
            <numerusform>The server rejected %n of your actions; Sync → Rejected commands lists it to redo or discard.</numerusform>
            <numerusform>The server rejected %n of your actions; Sync → Rejected commands lists them to redo or discard.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync stopped: %1</source>
        <translation>Sync stopped: %1</translation>
    </message>
    <message>
        <source>%1 made this command; they, a supervisor or a leader settle it.</source>
        <extracomment>%1 is the person who made a rejected command</extracomment>
        <translation>%1 made this command; they, a supervisor or a leader settle it.</translation>
    </message>
    <message>
        <source>%1 made again on case %2, which is now %3; it goes out with the next sync.</source>
        <extracomment>%1 is an action, %2 a case number, %3 the state the case is in now</extracomment>
        <translation>%1 made again on case %2, which is now %3; it goes out with the next sync.</translation>
    </message>
    <message>
        <source>%1 on case %2 is set aside; it will not be sent.</source>
        <extracomment>%1 is an action, %2 a case number</extracomment>
        <translation>%1 on case %2 is set aside; it will not be sent.</translation>
    </message>
    <message>
        <source>The org chart already holds what this command changed; it is settled.</source>
        <translation>The org chart already holds what this command changed; it is settled.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) of the org chart made again on the server&apos;s chart; they go out with the next sync.</source>
        <translation>
            <numerusform>%n change of the org chart made again on the server&apos;s chart; they go out with the next sync.</numerusform>
            <numerusform>%n changes of the org chart made again on the server&apos;s chart; they go out with the next sync.</numerusform>
        </translation>
    </message>
    <message>
        <source>The change of register entry %1 is made again on the entry as the server left it; it goes out with the next sync.</source>
        <extracomment>%1 is a register entry&apos;s code</extracomment>
        <translation>The change of register entry %1 is made again on the entry as the server left it; it goes out with the next sync.</translation>
    </message>
</context>
<context>
    <name>GridDesk::SyncStatusBar</name>
    <message>
        <source>This desk&apos;s commands: sent and not answered yet, applied by the server, and rejected. Click to see the rejected ones.</source>
        <translation>This desk&apos;s commands: sent and not answered yet, applied by the server, and rejected. Click to see the rejected ones.</translation>
    </message>
    <message numerus="yes">
        <source>Offline — %n queued</source>
        <translation>
            <numerusform>Offline — %n queued</numerusform>
            <numerusform>Offline — %n queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connecting to %1… — %n queued</source>
        <extracomment>%1 is the server, HOST:PORT</extracomment>
        <translation>
            <numerusform>Connecting to %1… — %n queued</numerusform>
            <numerusform>Connecting to %1… — %n queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connected to %1 — %n queued</source>
        <translation>
            <numerusform>Connected to %1 — %n queued</numerusform>
            <numerusform>Connected to %1 — %n queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retrying in %1 s — %n queued</source>
        <extracomment>%1 is a number of seconds</extracomment>
        <translation>
            <numerusform>Retrying in %1 s — %n queued</numerusform>
            <numerusform>Retrying in %1 s — %n queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refused: %1 — %n queued</source>
        <extracomment>%1 is why the server or its certificate refused the desk</extracomment>
        <translation>
            <numerusform>Refused: %1 — %n queued</numerusform>
            <numerusform>Refused: %1 — %n queued</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 sent · %2 applied · %3 rejected</source>
        <translation>%1 sent · %2 applied · %3 rejected</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>Last sync %1</source>
        <extracomment>%1 is a time, or a date and time when it was not today</extracomment>
        <translation>Last sync %1</translation>
    </message>
    <message>
        <source>Actions wait in the outbox until the desk connects to its server. Click to connect.</source>
        <translation>Actions wait in the outbox until the desk connects to its server. Click to connect.</translation>
    </message>
    <message>
        <source>Last attempt: %1</source>
        <translation>Last attempt: %1</translation>
    </message>
    <message>
        <source>Logging in to %1.</source>
        <translation>Logging in to %1.</translation>
    </message>
    <message>
        <source>The server is out of reach: %1
The desk tries again by itself; actions wait in the outbox.</source>
        <translation>The server is out of reach: %1
The desk tries again by itself; actions wait in the outbox.</translation>
    </message>
    <message>
        <source>The server refused: %1
Click to connect again.</source>
        <translation>The server refused: %1
Click to connect again.</translation>
    </message>
    <message>
        <source>Logged in as %1 of unit %2; new cases come as soon as the server has them, and each action is sent at once.</source>
        <extracomment>%1 is a role, %2 an org unit code</extracomment>
        <translation>Logged in as %1 of unit %2; new cases come as soon as the server has them, and each action is sent at once.</translation>
    </message>
</context>
<context>
    <name>GridDesk::SyncWorker</name>
    <message>
        <source>This workspace syncs with %1; its cases and cursor belong to that server, not to %2.</source>
        <translation>This workspace syncs with %1; its cases and cursor belong to that server, not to %2.</translation>
    </message>
</context>
<context>
    <name>GridDesk::TextEncoding</name>
    <message>
        <source>The text is not valid UTF-8.</source>
        <translation>The text is not valid UTF-8.</translation>
    </message>
    <message>
        <source>The encoding %1 is not available on this system.</source>
        <translation>The encoding %1 is not available on this system.</translation>
    </message>
    <message>
        <source>The text is not valid %1 (byte %2).</source>
        <translation>The text is not valid %1 (byte %2).</translation>
    </message>
</context>
<context>
    <name>GridDesk::Topology</name>
    <message>
        <source>Grids %1 and %2 overlap by %3 m² near %4.</source>
        <translation>Grids %1 and %2 overlap by %3 m² near %4.</translation>
    </message>
    <message>
        <source>%1 m² inside grid %2 near %3 belong to none of its children.</source>
        <translation>%1 m² inside grid %2 near %3 belong to none of its children.</translation>
    </message>
    <message>
        <source>Grid %1 sticks out of its parent %2 by %3 m² near %4.</source>
        <translation>Grid %1 sticks out of its parent %2 by %3 m² near %4.</translation>
    </message>
    <message>
        <source>Grid %1 does not start with the code of its parent %2 followed by its own number.</source>
        <translation>Grid %1 does not start with the code of its parent %2 followed by its own number.</translation>
    </message>
    <message>
        <source>Grid %1 has no grid supervisor.</source>
        <translation>Grid %1 has no grid supervisor.</translation>
    </message>
    <message numerus="yes">
        <source>%n grids have the code %1.</source>
        <translation>
            <numerusform>%n grid has the code %1.</numerusform>
            <numerusform>%n grids have the code %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The boundary of grid %1 cannot be read: %2</source>
        <translation>The boundary of grid %1 cannot be read: %2</translation>
    </message>
    <message>
        <source>Grid %1 has no boundary.</source>
        <translation>Grid %1 has no boundary.</translation>
    </message>
    <message numerus="yes">
        <source>Grid %1 has a ring of %n points; a ring needs at least four (three corners and the first again).</source>
        <translation>
            <numerusform>Grid %1 has a ring of %n point; a ring needs at least four (three corners and the first again).</numerusform>
            <numerusform>Grid %1 has a ring of %n points; a ring needs at least four (three corners and the first again).</numerusform>
        </translation>
    </message>
    <message>
        <source>Grid %1 has a spike at %2: its boundary runs out and comes straight back.</source>
        <translation>Grid %1 has a spike at %2: its boundary runs out and comes straight back.</translation>
    </message>
    <message>
        <source>invalid geometry</source>
        <translation>invalid geometry</translation>
    </message>
    <message>
        <source>Grid %1 is invalid: %2</source>
        <translation>Grid %1 is invalid: %2</translation>
    </message>
    <message>
        <source>grid %1</source>
        <translation>grid %1</translation>
    </message>
    <message>
        <source>Grid %1 would lose its shape: %2</source>
        <translation>Grid %1 would lose its shape: %2</translation>
    </message>
    <message>
        <source>Grid %1 would be invalid: %2</source>
        <translation>Grid %1 would be invalid: %2</translation>
    </message>
    <message>
        <source>No grid has a vertex at %1, %2.</source>
        <translation>No grid has a vertex at %1, %2.</translation>
    </message>
    <message>
        <source>No grid edge passes near %1, %2.</source>
        <translation>No grid edge passes near %1, %2.</translation>
    </message>
    <message>
        <source>Every grid near %1, %2 already has a vertex there.</source>
        <translation>Every grid near %1, %2 already has a vertex there.</translation>
    </message>
    <message>
        <source>Grid %1 would keep a ring of fewer than three points.</source>
        <translation>Grid %1 would keep a ring of fewer than three points.</translation>
    </message>
    <message>
        <source>A split line needs two points or more.</source>
        <translation>A split line needs two points or more.</translation>
    </message>
    <message>
        <source>Grid %1 cannot be split while it is invalid: %2</source>
        <translation>Grid %1 cannot be split while it is invalid: %2</translation>
    </message>
    <message>
        <source>Grid %1 could not be split: %2</source>
        <translation>Grid %1 could not be split: %2</translation>
    </message>
    <message>
        <source>The line does not cut grid %1 into two parts or more.</source>
        <translation>The line does not cut grid %1 into two parts or more.</translation>
    </message>
    <message>
        <source>Merging needs two grids or more.</source>
        <translation>Merging needs two grids or more.</translation>
    </message>
    <message>
        <source>Grids %1 and %2 are of different levels and cannot be merged.</source>
        <translation>Grids %1 and %2 are of different levels and cannot be merged.</translation>
    </message>
    <message>
        <source>Grid %1 shares no edge with the other grids to merge.</source>
        <translation>Grid %1 shares no edge with the other grids to merge.</translation>
    </message>
    <message>
        <source>A new grid needs a ring of three points or more.</source>
        <translation>A new grid needs a ring of three points or more.</translation>
    </message>
    <message>
        <source>The new grid is invalid: %1</source>
        <translation>The new grid is invalid: %1</translation>
    </message>
    <message>
        <source>Nothing is left of the new grid: grids of its level cover all of it.</source>
        <translation>Nothing is left of the new grid: grids of its level cover all of it.</translation>
    </message>
    <message>
        <source>There is no grid %1 to reshape.</source>
        <translation>There is no grid %1 to reshape.</translation>
    </message>
    <message>
        <source>A reshape line needs two points or more.</source>
        <translation>A reshape line needs two points or more.</translation>
    </message>
    <message>
        <source>The line must start and end on the boundary of grid %1.</source>
        <translation>The line must start and end on the boundary of grid %1.</translation>
    </message>
    <message>
        <source>The line does not change the boundary of grid %1.</source>
        <translation>The line does not change the boundary of grid %1.</translation>
    </message>
    <message>
        <source>Say into how many parts, or into parts of what area, to cut grid %1.</source>
        <translation>Say into how many parts, or into parts of what area, to cut grid %1.</translation>
    </message>
    <message>
        <source>Grid %1 cannot be cut while it is invalid: %2</source>
        <translation>Grid %1 cannot be cut while it is invalid: %2</translation>
    </message>
    <message>
        <source>Grid %1 has no area.</source>
        <translation>Grid %1 has no area.</translation>
    </message>
    <message>
        <source>The boundary is not a polygon.</source>
        <translation>The boundary is not a polygon.</translation>
    </message>
    <message>
        <source>Nothing would be left of grid %1.</source>
        <translation>Nothing would be left of grid %1.</translation>
    </message>
    <message>
        <source>Invalid geometry</source>
        <translation>Invalid geometry</translation>
    </message>
    <message>
        <source>Overlap</source>
        <translation>Overlap</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>Gap</translation>
    </message>
    <message>
        <source>Outside its parent</source>
        <translation>Outside its parent</translation>
    </message>
    <message>
        <source>Duplicate code</source>
        <translation>Duplicate code</translation>
    </message>
    <message>
        <source>Malformed code</source>
        <translation>Malformed code</translation>
    </message>
    <message>
        <source>No grid supervisor</source>
        <translation>No grid supervisor</translation>
    </message>
    <message>
        <source>Only a gap with its area can be closed.</source>
        <translation>Only a gap with its area can be closed.</translation>
    </message>
    <message>
        <source>No child of grid %1 borders the gap near %2, %3.</source>
        <translation>No child of grid %1 borders the gap near %2, %3.</translation>
    </message>
    <message>
        <source>Only an overlap or a grid outside its parent can be clipped.</source>
        <translation>Only an overlap or a grid outside its parent can be clipped.</translation>
    </message>
    <message>
        <source>Grid %1 is not one of %2 and %3.</source>
        <translation>Grid %1 is not one of %2 and %3.</translation>
    </message>
    <message>
        <source>Grid %1 is not among the grids given.</source>
        <translation>Grid %1 is not among the grids given.</translation>
    </message>
    <message>
        <source>The grid &quot;%1&quot; (%2) has no code.</source>
        <translation>The grid &quot;%1&quot; (%2) has no code.</translation>
    </message>
    <message>
        <source>Grid %1 can be cut into at most %2 parts.</source>
        <translation>Grid %1 can be cut into at most %2 parts.</translation>
    </message>
    <message>
        <source>Parts of %1 m² would cut grid %2 (%3 m²) into about %4 parts; at most %5 are made. Choose a larger area.</source>
        <translation>Parts of %1 m² would cut grid %2 (%3 m²) into about %4 parts; at most %5 are made. Choose a larger area.</translation>
    </message>
    <message>
        <source>Grid %1 has %2 m²: parts of %3 m² would not cut it. Choose an area below half of it.</source>
        <translation>Grid %1 has %2 m²: parts of %3 m² would not cut it. Choose an area below half of it.</translation>
    </message>
</context>
<context>
    <name>GridDesk::TopologyFindingsModel</name>
    <message>
        <source>Accepted by %1 on %2: %3</source>
        <extracomment>%1 is a person, %2 a date, %3 their reason</extracomment>
        <translation>Accepted by %1 on %2: %3</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Grids</source>
        <translation>Grids</translation>
    </message>
    <message>
        <source>Area (m²)</source>
        <translation>Area (m²)</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Accepted because</source>
        <translation>Accepted because</translation>
    </message>
</context>
<context>
    <name>GridDesk::TopologyPanel</name>
    <message>
        <source>Check &amp;all</source>
        <translation>Check &amp;all</translation>
    </message>
    <message>
        <source>Close &amp;gap</source>
        <translation>Close &amp;gap</translation>
    </message>
    <message>
        <source>A&amp;ccept…</source>
        <translation>A&amp;ccept…</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>&amp;Withdraw</translation>
    </message>
    <message>
        <source>Check the whole map for invalid geometry, overlaps, gaps, grids outside their parent, bad codes and grids without a supervisor</source>
        <translation>Check the whole map for invalid geometry, overlaps, gaps, grids outside their parent, bad codes and grids without a supervisor</translation>
    </message>
    <message>
        <source>Keep this finding as it is, with a reason</source>
        <translation>Keep this finding as it is, with a reason</translation>
    </message>
    <message numerus="yes">
        <source>Checking %n grids…</source>
        <translation>
            <numerusform>Checking %n grid…</numerusform>
            <numerusform>Checking %n grids…</numerusform>
        </translation>
    </message>
    <message>
        <source>The topology check failed: %1</source>
        <translation>The topology check failed: %1</translation>
    </message>
    <message>
        <source>Accepted findings could not be read: %1</source>
        <translation>Accepted findings could not be read: %1</translation>
    </message>
    <message>
        <source>Clip to &amp;parent</source>
        <translation>Clip to &amp;parent</translation>
    </message>
    <message>
        <source>&amp;Keep in %1</source>
        <extracomment>Clip an overlap so that grid %1 keeps the shared area</extracomment>
        <translation>&amp;Keep in %1</translation>
    </message>
    <message>
        <source>K&amp;eep in %1</source>
        <translation>K&amp;eep in %1</translation>
    </message>
    <message>
        <source>&amp;Keep in first</source>
        <translation>&amp;Keep in first</translation>
    </message>
    <message>
        <source>K&amp;eep in second</source>
        <translation>K&amp;eep in second</translation>
    </message>
    <message numerus="yes">
        <source>%n open findings</source>
        <extracomment>%n findings still to look at; the accepted ones are counted apart</extracomment>
        <translation>
            <numerusform>%n open finding</numerusform>
            <numerusform>%n open findings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n accepted</source>
        <translation>
            <numerusform>%n accepted</numerusform>
            <numerusform>%n accepted</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept finding</source>
        <translation>Accept finding</translation>
    </message>
    <message>
        <source>Why may this stay as it is?</source>
        <translation>Why may this stay as it is?</translation>
    </message>
    <message>
        <source>A finding is accepted only with a reason.</source>
        <translation>A finding is accepted only with a reason.</translation>
    </message>
</context>
<context>
    <name>GridDesk::TrackOverlay</name>
    <message>
        <source>%1 %2 UTC</source>
        <extracomment>A patrol&apos;s start on the map: %1 is the person, %2 a date and time</extracomment>
        <translation>%1 %2 UTC</translation>
    </message>
    <message>
        <source>end %1</source>
        <extracomment>A patrol&apos;s end on the map: %1 is a time of day</extracomment>
        <translation>end %1</translation>
    </message>
    <message>
        <source>%1&apos;s patrol (%2)
fix %3 of %4 at %5 UTC</source>
        <extracomment>%1 person, %2 file, %3 fix number, %4 number of fixes, %5 date and time</extracomment>
        <translation>%1&apos;s patrol (%2)
fix %3 of %4 at %5 UTC</translation>
    </message>
</context>
<context>
    <name>GridDesk::UnitChooser</name>
    <message>
        <source>%1 (%2)</source>
        <extracomment>an org unit in a list: its name and code, e.g. &quot;Street one (street-1)&quot;</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Type part of a unit&apos;s name or code</source>
        <translation>Type part of a unit&apos;s name or code</translation>
    </message>
    <message>
        <source>Filter units</source>
        <translation>Filter units</translation>
    </message>
    <message>
        <source>Handled jointly with (optional):</source>
        <translation>Handled jointly with (optional):</translation>
    </message>
</context>
<context>
    <name>GridDesk::UnitChooserDialog</name>
    <message>
        <source>Filter by code or name</source>
        <translation>Filter by code or name</translation>
    </message>
    <message>
        <source>(the top of the chart)</source>
        <translation>(the top of the chart)</translation>
    </message>
    <message>
        <source>%1 — tier %2</source>
        <extracomment>%1 is a unit&apos;s name and code, %2 its tier number</extracomment>
        <translation>%1 — tier %2</translation>
    </message>
    <message>
        <source>No unit can be chosen here.</source>
        <translation>No unit can be chosen here.</translation>
    </message>
</context>
<context>
    <name>GridDesk::UnitDetailForm</name>
    <message>
        <source>Link…</source>
        <translation>Link…</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>Unlink</translation>
    </message>
    <message>
        <source>&amp;Apply details</source>
        <translation>&amp;Apply details</translation>
    </message>
    <message>
        <source>Move the unit to change its parent.</source>
        <translation>Move the unit to change its parent.</translation>
    </message>
    <message>
        <source>grid codes, separated by ;</source>
        <translation>grid codes, separated by ;</translation>
    </message>
    <message>
        <source>department names, separated by ;</source>
        <translation>department names, separated by ;</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>Code:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Tier:</source>
        <translation>&amp;Tier:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>Parent:</source>
        <translation>Parent:</translation>
    </message>
    <message>
        <source>&amp;Contact:</source>
        <translation>&amp;Contact:</translation>
    </message>
    <message>
        <source>&amp;Jurisdiction:</source>
        <translation>&amp;Jurisdiction:</translation>
    </message>
    <message>
        <source>&amp;Departments:</source>
        <translation>&amp;Departments:</translation>
    </message>
    <message>
        <source>Serves:</source>
        <translation>Serves:</translation>
    </message>
    <message>
        <source>Groups:</source>
        <translation>Groups:</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>No unit selected</source>
        <translation>No unit selected</translation>
    </message>
    <message>
        <source>%1 — retired</source>
        <translation>%1 — retired</translation>
    </message>
    <message>
        <source>(the top of the chart)</source>
        <translation>(the top of the chart)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1 is a group&apos;s name, %2 its kind (coordination or leading group)</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 — dissolved</source>
        <translation>%1 — dissolved</translation>
    </message>
    <message>
        <source>(unsaved)</source>
        <translation>(unsaved)</translation>
    </message>
    <message>
        <source>Change the details of %1</source>
        <extracomment>%1 is a unit code</extracomment>
        <translation>Change the details of %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::VectorFile</name>
    <message>
        <source>%1: the companion file %2.%3 is missing; a shapefile needs its .shp, .shx and .dbf side by side.</source>
        <translation>%1: the companion file %2.%3 is missing; a shapefile needs its .shp, .shx and .dbf side by side.</translation>
    </message>
    <message>
        <source>The .cpg file names an encoding GridDesk does not know (&quot;%1&quot;); the encoding was detected instead.</source>
        <translation>The .cpg file names an encoding GridDesk does not know (&quot;%1&quot;); the encoding was detected instead.</translation>
    </message>
    <message>
        <source>no details from GDAL</source>
        <translation>no details from GDAL</translation>
    </message>
    <message>
        <source>%1 has no .prj file, so its coordinate system is unknown. Give it with --source-crs (for example EPSG:4326, EPSG:4490 or gcj02).</source>
        <translation>%1 has no .prj file, so its coordinate system is unknown. Give it with --source-crs (for example EPSG:4326, EPSG:4490 or gcj02).</translation>
    </message>
    <message>
        <source>%1 declares no coordinate system; WGS84 longitude/latitude was assumed.</source>
        <translation>%1 declares no coordinate system; WGS84 longitude/latitude was assumed.</translation>
    </message>
    <message>
        <source>%1, feature %2</source>
        <translation>%1, feature %2</translation>
    </message>
    <message>
        <source>check the coordinate system given for the file</source>
        <translation>check the coordinate system given for the file</translation>
    </message>
    <message>
        <source>the coordinates look projected; give the file&apos;s coordinate system with --source-crs</source>
        <translation>the coordinates look projected; give the file&apos;s coordinate system with --source-crs</translation>
    </message>
    <message>
        <source>%1, feature %2: coordinates %3, %4 are not longitude/latitude after conversion (%5).</source>
        <translation>%1, feature %2: coordinates %3, %4 are not longitude/latitude after conversion (%5).</translation>
    </message>
    <message>
        <source>The encoding &quot;%1&quot; is not supported; use UTF-8, GBK, Big5, ISO-8859-1 or windows-1252.</source>
        <translation>The encoding &quot;%1&quot; is not supported; use UTF-8, GBK, Big5, ISO-8859-1 or windows-1252.</translation>
    </message>
    <message>
        <source>%1: the text encoding of the attributes could not be recognised as UTF-8, GBK or Big5; give it with --encoding.</source>
        <translation>%1: the text encoding of the attributes could not be recognised as UTF-8, GBK or Big5; give it with --encoding.</translation>
    </message>
    <message>
        <source>%1 declares no text encoding; %2 was detected.</source>
        <translation>%1 declares no text encoding; %2 was detected.</translation>
    </message>
    <message>
        <source>%1, feature %2, field %3</source>
        <translation>%1, feature %2, field %3</translation>
    </message>
    <message>
        <source>%1 could not be opened as a vector file: %2</source>
        <translation>%1 could not be opened as a vector file: %2</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 does not exist.</translation>
    </message>
    <message>
        <source>%1 has no layer &quot;%2&quot;; its layers are: %3.</source>
        <translation>%1 has no layer &quot;%2&quot;; its layers are: %3.</translation>
    </message>
    <message>
        <source>%1, feature %2 could not be read: %3</source>
        <translation>%1, feature %2 could not be read: %3</translation>
    </message>
    <message>
        <source>%1, feature %2 has no geometry.</source>
        <translation>%1, feature %2 has no geometry.</translation>
    </message>
    <message>
        <source>The .prj file of %1 does not describe a coordinate system GDAL can read. Give the coordinate system with --source-crs.</source>
        <translation>The .prj file of %1 does not describe a coordinate system GDAL can read. Give the coordinate system with --source-crs.</translation>
    </message>
</context>
<context>
    <name>GridDesk::Wkb</name>
    <message>
        <source>The geometry is not valid WKB (it ends early or is malformed at byte %1).</source>
        <translation>The geometry is not valid WKB (it ends early or is malformed at byte %1).</translation>
    </message>
    <message>
        <source>A coordinate could not be transformed to WGS84.</source>
        <translation>A coordinate could not be transformed to WGS84.</translation>
    </message>
</context>
<context>
    <name>GridDesk::WorkCalendar</name>
    <message>
        <source>a quoted field has no closing quote (&quot;).</source>
        <translation>a quoted field has no closing quote (&quot;).</translation>
    </message>
    <message>
        <source>the file does not start with the header date,kind,name,year (found &quot;%1&quot;).</source>
        <translation>the file does not start with the header date,kind,name,year (found &quot;%1&quot;).</translation>
    </message>
    <message>
        <source>the header has no &quot;%1&quot; column.</source>
        <translation>the header has no &quot;%1&quot; column.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date; dates are written YYYY-MM-DD.</source>
        <translation>&quot;%1&quot; is not a date; dates are written YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a kind of day; write holiday or workday.</source>
        <translation>&quot;%1&quot; is not a kind of day; write holiday or workday.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a year.</source>
        <translation>&quot;%1&quot; is not a year.</translation>
    </message>
    <message>
        <source>the year column says %1, but %2 is in %3.</source>
        <translation>the year column says %1, but %2 is in %3.</translation>
    </message>
    <message>
        <source>the line has %1 fields, the header %2.</source>
        <translation>the line has %1 fields, the header %2.</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1, line %2</translation>
    </message>
    <message>
        <source>%1 is not UTF-8 text.</source>
        <translation>%1 is not UTF-8 text.</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 is empty.</translation>
    </message>
    <message>
        <source>%1 is listed twice (first on line %2).</source>
        <translation>%1 is listed twice (first on line %2).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time limit: write a number and a unit, h for working hours, d for working days or ch for calendar hours (for example 4h, 1.5d or 48ch).</source>
        <translation>&quot;%1&quot; is not a time limit: write a number and a unit, h for working hours, d for working days or ch for calendar hours (for example 4h, 1.5d or 48ch).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time limit: the amount must be greater than zero.</source>
        <translation>&quot;%1&quot; is not a time limit: the amount must be greater than zero.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too long a time limit: the amount may be at most %2.</source>
        <translation>&quot;%1&quot; is too long a time limit: the amount may be at most %2.</translation>
    </message>
    <message>
        <source>A working day needs at least one working period.</source>
        <translation>A working day needs at least one working period.</translation>
    </message>
    <message>
        <source>The working period %1 does not start before it ends.</source>
        <translation>The working period %1 does not start before it ends.</translation>
    </message>
    <message>
        <source>The working period %1 starts before the previous one ends.</source>
        <translation>The working period %1 starts before the previous one ends.</translation>
    </message>
    <message>
        <source>%1 is not open for reading.</source>
        <translation>%1 is not open for reading.</translation>
    </message>
</context>
<context>
    <name>GridDesk::Workflow</name>
    <message>
        <source>Reported</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>In handling</source>
        <translation>In handling</translation>
    </message>
    <message>
        <source>Awaiting verification</source>
        <translation>Awaiting verification</translation>
    </message>
    <message>
        <source>Supervised</source>
        <translation>Supervised</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Evaluated</source>
        <translation>Evaluated</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Merged</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Feed back</source>
        <translation>Feed back</translation>
    </message>
    <message>
        <source>Verify and close</source>
        <translation>Verify and close</translation>
    </message>
    <message>
        <source>Fail verification</source>
        <translation>Fail verification</translation>
    </message>
    <message>
        <source>Supervise</source>
        <translation>Supervise</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Evaluate</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Request material</source>
        <translation>Request material</translation>
    </message>
    <message>
        <source>Material received</source>
        <translation>Material received</translation>
    </message>
    <message>
        <source>Request extension</source>
        <translation>Request extension</translation>
    </message>
    <message>
        <source>Approve extension</source>
        <translation>Approve extension</translation>
    </message>
    <message>
        <source>Deny extension</source>
        <translation>Deny extension</translation>
    </message>
    <message>
        <source>Promise a date</source>
        <translation>Promise a date</translation>
    </message>
    <message>
        <source>Mark special</source>
        <translation>Mark special</translation>
    </message>
    <message>
        <source>Close as handled on the spot</source>
        <translation>Close as handled on the spot</translation>
    </message>
    <message>
        <source>Merge into another case</source>
        <translation>Merge into another case</translation>
    </message>
    <message>
        <source>Duplicate merged in</source>
        <translation>Duplicate merged in</translation>
    </message>
    <message>
        <source>Attach file</source>
        <translation>Attach file</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Unit handler</source>
        <translation>Unit handler</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Moved to another grid</source>
        <translation>Moved to another grid</translation>
    </message>
    <message>
        <source>Contact the reporter</source>
        <translation>Contact the reporter</translation>
    </message>
    <message>
        <source>Return visit</source>
        <translation>Return visit</translation>
    </message>
    <message>
        <source>Link a register entry</source>
        <translation>Link a register entry</translation>
    </message>
    <message>
        <source>Unlink a register entry</source>
        <translation>Unlink a register entry</translation>
    </message>
    <message>
        <source>Alarm came again</source>
        <translation>Alarm came again</translation>
    </message>
    <message>
        <source>12345 hotline</source>
        <translation>12345 hotline</translation>
    </message>
    <message>
        <source>Grid staff</source>
        <translation>Grid staff</translation>
    </message>
    <message>
        <source>Video patrol</source>
        <translation>Video patrol</translation>
    </message>
    <message>
        <source>IoT sensor alarm</source>
        <translation>IoT sensor alarm</translation>
    </message>
    <message>
        <source>Public app</source>
        <translation>Public app</translation>
    </message>
    <message>
        <source>Public app (Open311)</source>
        <translation>Public app (Open311)</translation>
    </message>
    <message>
        <source>Hotline export (%1)</source>
        <extracomment>%1 is the layout of a hotline export, such as nyc311</extracomment>
        <translation>Hotline export (%1)</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Desk</translation>
    </message>
</context>
<context>
    <name>GridDesk::WorkflowEngine</name>
    <message>
        <source>Case %1 has already been reported.</source>
        <translation>Case %1 has already been reported.</translation>
    </message>
    <message>
        <source>There is no such case.</source>
        <translation>There is no such case.</translation>
    </message>
    <message>
        <source>The %1 role may not take &quot;%2&quot;; it is for: %3.</source>
        <translation>The %1 role may not take &quot;%2&quot;; it is for: %3.</translation>
    </message>
    <message>
        <source>Case %1 has changed since you opened it (it is at version %2, you saw version %3). Look at it again and decide anew.</source>
        <translation>Case %1 has changed since you opened it (it is at version %2, you saw version %3). Look at it again and decide anew.</translation>
    </message>
    <message>
        <source>Case %1 is %2: &quot;%3&quot; is not possible in that state.</source>
        <translation>Case %1 is %2: &quot;%3&quot; is not possible in that state.</translation>
    </message>
    <message>
        <source>Every action needs the person taking it.</source>
        <translation>Every action needs the person taking it.</translation>
    </message>
    <message>
        <source>Every action needs the time it was taken.</source>
        <translation>Every action needs the time it was taken.</translation>
    </message>
    <message>
        <source>The action&apos;s time %1 is before the case&apos;s last event (%2).</source>
        <translation>The action&apos;s time %1 is before the case&apos;s last event (%2).</translation>
    </message>
    <message>
        <source>Case %1 is with %2; %3 of %4 cannot act on it.</source>
        <translation>Case %1 is with %2; %3 of %4 cannot act on it.</translation>
    </message>
    <message>
        <source>%1 handled case %2 and cannot verify it; another supervisor must.</source>
        <translation>%1 handled case %2 and cannot verify it; another supervisor must.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a reason.</source>
        <translation>&quot;%1&quot; needs a reason.</translation>
    </message>
    <message>
        <source>Say how the case was handled.</source>
        <translation>Say how the case was handled.</translation>
    </message>
    <message>
        <source>Satisfaction must be a whole number from 1 (very dissatisfied) to 5 (very satisfied).</source>
        <translation>Satisfaction must be a whole number from 1 (very dissatisfied) to 5 (very satisfied).</translation>
    </message>
    <message>
        <source>Name the case to merge into.</source>
        <translation>Name the case to merge into.</translation>
    </message>
    <message>
        <source>A case cannot be merged into itself.</source>
        <translation>A case cannot be merged into itself.</translation>
    </message>
    <message>
        <source>Choose the unit that leads the handling.</source>
        <translation>Choose the unit that leads the handling.</translation>
    </message>
    <message>
        <source>There is no org unit &quot;%1&quot; in this workspace.</source>
        <translation>There is no org unit &quot;%1&quot; in this workspace.</translation>
    </message>
    <message>
        <source>%1 is named twice among the handling units.</source>
        <translation>%1 is named twice among the handling units.</translation>
    </message>
    <message>
        <source>Choose the unit that takes the case over.</source>
        <translation>Choose the unit that takes the case over.</translation>
    </message>
    <message>
        <source>Material has already been requested.</source>
        <translation>Material has already been requested.</translation>
    </message>
    <message>
        <source>No material is waited for.</source>
        <translation>No material is waited for.</translation>
    </message>
    <message>
        <source>An extension is already waiting for a decision.</source>
        <translation>An extension is already waiting for a decision.</translation>
    </message>
    <message>
        <source>No extension has been requested.</source>
        <translation>No extension has been requested.</translation>
    </message>
    <message>
        <source>The promised date must be given as 2026-12-04T17:00:00.</source>
        <translation>The promised date must be given as 2026-12-04T17:00:00.</translation>
    </message>
    <message>
        <source>The promised date has already passed.</source>
        <translation>The promised date has already passed.</translation>
    </message>
    <message>
        <source>Name the duplicate that was merged.</source>
        <translation>Name the duplicate that was merged.</translation>
    </message>
    <message>
        <source>An attachment needs a file name.</source>
        <translation>An attachment needs a file name.</translation>
    </message>
    <message>
        <source>%1 asked for this extension and cannot decide on it; another leader must.</source>
        <translation>%1 asked for this extension and cannot decide on it; another leader must.</translation>
    </message>
    <message>
        <source>A case escalates to a higher tier of its own chain: %1 is not above %2.</source>
        <translation>A case escalates to a higher tier of its own chain: %1 is not above %2.</translation>
    </message>
    <message>
        <source>Case %1 was handled by %2, which cannot verify it; the grid&apos;s supervisor must.</source>
        <translation>Case %1 was handled by %2, which cannot verify it; the grid&apos;s supervisor must.</translation>
    </message>
    <message>
        <source>Name the grid the case moves to.</source>
        <translation>Name the grid the case moves to.</translation>
    </message>
    <message>
        <source>%1 is retired and takes no new cases.</source>
        <translation>%1 is retired and takes no new cases.</translation>
    </message>
    <message>
        <source>Person %1 is not an active member of the organisation.</source>
        <translation>Person %1 is not an active member of the organisation.</translation>
    </message>
    <message>
        <source>%1 works for %2, not for the lead unit %3.</source>
        <translation>%1 works for %2, not for the lead unit %3.</translation>
    </message>
    <message>
        <source>Say what the reporter was told and what they said.</source>
        <translation>Say what the reporter was told and what they said.</translation>
    </message>
    <message>
        <source>Name the register entry.</source>
        <translation>Name the register entry.</translation>
    </message>
    <message>
        <source>A case concerns a register entry or has it as its reporter, not &quot;%1&quot;.</source>
        <translation>A case concerns a register entry or has it as its reporter, not &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>GridDesk::WorkflowSeed</name>
    <message>
        <source>City supervision centre</source>
        <extracomment>The top unit of a workspace; %1 is the city&apos;s name</extracomment>
        <translation>City supervision centre</translation>
    </message>
    <message>
        <source>%1 supervision centre</source>
        <translation>%1 supervision centre</translation>
    </message>
    <message>
        <source>No agency given</source>
        <extracomment>The unit for cases a hotline export gives no agency for</extracomment>
        <translation>No agency given</translation>
    </message>
    <message>
        <source>%1 crew %2</source>
        <extracomment>A crew of an agency in a hotline export: %1 is the agency, %2 the crew</extracomment>
        <translation>%1 crew %2</translation>
    </message>
    <message>
        <source>%1 command centre</source>
        <extracomment>%1 is the name of a district</extracomment>
        <translation>%1 command centre</translation>
    </message>
    <message>
        <source>City components</source>
        <translation>City components</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>Operator Chen</source>
        <extracomment>Names of the people a sample workspace can be run as; plain family names</extracomment>
        <translation>Operator Chen</translation>
    </message>
    <message>
        <source>Supervisor Li</source>
        <translation>Supervisor Li</translation>
    </message>
    <message>
        <source>Leader Wang</source>
        <translation>Leader Wang</translation>
    </message>
    <message>
        <source>%1 handler</source>
        <extracomment>A person handling cases for a unit; %1 names the unit (&quot;DSNY handler&quot;)</extracomment>
        <translation>%1 handler</translation>
    </message>
    <message>
        <source>%1 to %2, which handled most of these cases</source>
        <extracomment>A starter dispatch rule: %1 is a category, %2 the unit that handled most of its cases</extracomment>
        <translation>%1 to %2, which handled most of these cases</translation>
    </message>
    <message>
        <source>Counting the cases of each category failed: %1</source>
        <translation>Counting the cases of each category failed: %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::WorkflowSetup</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 failed: %2</translation>
    </message>
    <message>
        <source>Clearing %1</source>
        <translation>Clearing %1</translation>
    </message>
    <message>
        <source>Reading org units</source>
        <translation>Reading org units</translation>
    </message>
    <message>
        <source>Reading users</source>
        <translation>Reading users</translation>
    </message>
    <message>
        <source>Reading categories</source>
        <translation>Reading categories</translation>
    </message>
    <message>
        <source>Reading dispatch rules</source>
        <translation>Reading dispatch rules</translation>
    </message>
    <message>
        <source>working hours of the workspace</source>
        <translation>working hours of the workspace</translation>
    </message>
    <message>
        <source>Reading the calendar</source>
        <translation>Reading the calendar</translation>
    </message>
    <message>
        <source>Saving org unit %1</source>
        <translation>Saving org unit %1</translation>
    </message>
    <message>
        <source>Saving user %1</source>
        <translation>Saving user %1</translation>
    </message>
    <message>
        <source>Saving category %1</source>
        <translation>Saving category %1</translation>
    </message>
    <message>
        <source>Saving dispatch rule %1</source>
        <translation>Saving dispatch rule %1</translation>
    </message>
    <message>
        <source>Saving calendar day %1</source>
        <translation>Saving calendar day %1</translation>
    </message>
    <message>
        <source>Org unit %1 has tier %2; tiers run from 1 (city) to 6 (grid).</source>
        <translation>Org unit %1 has tier %2; tiers run from 1 (city) to 6 (grid).</translation>
    </message>
    <message>
        <source>Org unit %1 names a parent %2 that does not exist.</source>
        <translation>Org unit %1 names a parent %2 that does not exist.</translation>
    </message>
    <message>
        <source>Org unit %1 (tier %2) cannot sit under %3 (tier %4): tiers run downwards.</source>
        <translation>Org unit %1 (tier %2) cannot sit under %3 (tier %4): tiers run downwards.</translation>
    </message>
    <message>
        <source>Rule %1 names org unit &quot;%2&quot;, which does not exist.</source>
        <translation>Rule %1 names org unit &quot;%2&quot;, which does not exist.</translation>
    </message>
    <message>
        <source>Category %1 names org unit &quot;%2&quot;, which does not exist.</source>
        <translation>Category %1 names org unit &quot;%2&quot;, which does not exist.</translation>
    </message>
    <message>
        <source>User %1 has the role &quot;%2&quot;; desk roles are operator, supervisor, unit_handler and leader.</source>
        <translation>User %1 has the role &quot;%2&quot;; desk roles are operator, supervisor, unit_handler and leader.</translation>
    </message>
    <message>
        <source>User %1 belongs to org unit &quot;%2&quot;, which does not exist.</source>
        <translation>User %1 belongs to org unit &quot;%2&quot;, which does not exist.</translation>
    </message>
    <message>
        <source>When handling time runs out a case can be supervised, and when supervision time runs out escalated; nothing else follows from the loop.</source>
        <translation>When handling time runs out a case can be supervised, and when supervision time runs out escalated; nothing else follows from the loop.</translation>
    </message>
    <message>
        <source>Warnings come at fractions of a stage&apos;s time between 0 and 1, such as 0.5 and 0.8; %1 is not one.</source>
        <translation>Warnings come at fractions of a stage&apos;s time between 0 and 1, such as 0.5 and 0.8; %1 is not one.</translation>
    </message>
    <message>
        <source>User %1 appears twice.</source>
        <translation>User %1 appears twice.</translation>
    </message>
    <message>
        <source>Finding the units of open cases</source>
        <translation>Finding the units of open cases</translation>
    </message>
    <message numerus="yes">
        <source>Org unit %1 leads %n open case(s); keep it, or dispatch its cases elsewhere first.</source>
        <translation>
            <numerusform>Org unit %1 leads %n open case; keep it, or dispatch its case elsewhere first.</numerusform>
            <numerusform>Org unit %1 leads %n open cases; keep it, or dispatch its cases elsewhere first.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading people</source>
        <translation>Reading people</translation>
    </message>
</context>
<context>
    <name>GridDesk::WorkflowSetupDialog</name>
    <message>
        <source>Supervise the case</source>
        <translation>Supervise the case</translation>
    </message>
    <message>
        <source>Escalate the case</source>
        <translation>Escalate the case</translation>
    </message>
    <message>
        <source>Nothing (only show it as overdue)</source>
        <translation>Nothing (only show it as overdue)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Workflow setup[*]</source>
        <translation>Workflow setup[*]</translation>
    </message>
    <message>
        <source>Check and save the setup (Ctrl+S)</source>
        <translation>Check and save the setup (Ctrl+S)</translation>
    </message>
    <message>
        <source>Only a leader may change the workflow setup; you act as %1.</source>
        <translation>Only a leader may change the workflow setup; you act as %1.</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>nobody</translation>
    </message>
    <message>
        <source>You may look at the setup; only a leader may save changes.</source>
        <translation>You may look at the setup; only a leader may save changes.</translation>
    </message>
    <message>
        <source>50 %, 80 %</source>
        <translation>50 %, 80 %</translation>
    </message>
    <message>
        <source>A case is shown as running late once it has used these shares of its stage&apos;s time. The deadline rules run every minute at the desk and act on cases whose time ran out.</source>
        <translation>A case is shown as running late once it has used these shares of its stage&apos;s time. The deadline rules run every minute at the desk and act on cases whose time ran out.</translation>
    </message>
    <message>
        <source>&amp;Warn after:</source>
        <translation>&amp;Warn after:</translation>
    </message>
    <message>
        <source>When &amp;handling time runs out:</source>
        <translation>When &amp;handling time runs out:</translation>
    </message>
    <message>
        <source>When su&amp;pervision time runs out:</source>
        <translation>When su&amp;pervision time runs out:</translation>
    </message>
    <message>
        <source>Warning at &quot;%1&quot;: give percentages between 0 and 100, such as 50 %, 80 %.</source>
        <translation>Warning at &quot;%1&quot;: give percentages between 0 and 100, such as 50 %, 80 %.</translation>
    </message>
    <message>
        <source>Nothing was saved. %1</source>
        <translation>Nothing was saved. %1</translation>
    </message>
    <message numerus="yes">
        <source>Saved. Deadlines of %n open case(s) recomputed.</source>
        <translation>
            <numerusform>Saved. Deadlines of %n open case recomputed.</numerusform>
            <numerusform>Saved. Deadlines of %n open cases recomputed.</numerusform>
        </translation>
    </message>
    <message>
        <source>The rules cannot be tried yet. %1</source>
        <translation>The rules cannot be tried yet. %1</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>The workflow setup has changes that are not saved. Close and drop them?</source>
        <translation>The workflow setup has changes that are not saved. Close and drop them?</translation>
    </message>
    <message>
        <source>Cate&amp;gories</source>
        <translation>Cate&amp;gories</translation>
    </message>
    <message>
        <source>Dispatch ru&amp;les</source>
        <translation>Dispatch ru&amp;les</translation>
    </message>
    <message>
        <source>Calen&amp;dar</source>
        <translation>Calen&amp;dar</translation>
    </message>
    <message>
        <source>Deadl&amp;ines</source>
        <translation>Deadl&amp;ines</translation>
    </message>
</context>
<context>
    <name>GridDesk::Workspace</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 failed: %2</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 is not a file.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>The folder %1 does not exist.</translation>
    </message>
    <message>
        <source>Opening the workspace %1</source>
        <translation>Opening the workspace %1</translation>
    </message>
    <message>
        <source>this is not a GridDesk workspace: the file is not an SQLite or GeoPackage database (%1).</source>
        <translation>this is not a GridDesk workspace: the file is not an SQLite or GeoPackage database (%1).</translation>
    </message>
    <message>
        <source>this GeoPackage was not made by GridDesk; import its layers into a workspace with import-grids instead of opening it.</source>
        <translation>this GeoPackage was not made by GridDesk; import its layers into a workspace with import-grids instead of opening it.</translation>
    </message>
    <message>
        <source>this SQLite database is not a GridDesk workspace.</source>
        <translation>this SQLite database is not a GridDesk workspace.</translation>
    </message>
    <message>
        <source>Creating the schema table</source>
        <translation>Creating the schema table</translation>
    </message>
    <message>
        <source>the workspace has schema version %1, newer than this GridDesk (%2) understands; use a newer GridDesk.</source>
        <translation>the workspace has schema version %1, newer than this GridDesk (%2) understands; use a newer GridDesk.</translation>
    </message>
    <message>
        <source>Migration %1</source>
        <translation>Migration %1</translation>
    </message>
    <message>
        <source>Recording migration %1</source>
        <translation>Recording migration %1</translation>
    </message>
    <message>
        <source>Starting a transaction</source>
        <translation>Starting a transaction</translation>
    </message>
    <message>
        <source>Committing</source>
        <translation>Committing</translation>
    </message>
    <message>
        <source>Reading grids</source>
        <translation>Reading grids</translation>
    </message>
    <message>
        <source>grid %1</source>
        <translation>grid %1</translation>
    </message>
    <message>
        <source>Counting grids</source>
        <translation>Counting grids</translation>
    </message>
    <message>
        <source>Saving grid %1</source>
        <translation>Saving grid %1</translation>
    </message>
    <message>
        <source>Updating the extent of %1</source>
        <translation>Updating the extent of %1</translation>
    </message>
    <message>
        <source>Reading cases</source>
        <translation>Reading cases</translation>
    </message>
    <message>
        <source>Counting cases</source>
        <translation>Counting cases</translation>
    </message>
    <message>
        <source>Saving case %1</source>
        <translation>Saving case %1</translation>
    </message>
    <message>
        <source>Updating the grid of case %1</source>
        <translation>Updating the grid of case %1</translation>
    </message>
    <message>
        <source>Saving the setting %1</source>
        <translation>Saving the setting %1</translation>
    </message>
    <message>
        <source>Recording the import of %1</source>
        <translation>Recording the import of %1</translation>
    </message>
    <message>
        <source>the workspace or its folder is read-only; GridDesk needs to write the file and its journal next to it.</source>
        <translation>the workspace or its folder is read-only; GridDesk needs to write the file and its journal next to it.</translation>
    </message>
    <message>
        <source>%1 is being written by another program; nothing was changed. Try again when it has finished.</source>
        <translation>%1 is being written by another program; nothing was changed. Try again when it has finished.</translation>
    </message>
    <message>
        <source>Deleting grid %1</source>
        <translation>Deleting grid %1</translation>
    </message>
    <message>
        <source>Reading the tables of the store failed: %1</source>
        <translation>Reading the tables of the store failed: %1</translation>
    </message>
    <message>
        <source>Reading the store failed: %1</source>
        <translation>Reading the store failed: %1</translation>
    </message>
    <message>
        <source>Reading %1 from the workspace failed: %2</source>
        <translation>Reading %1 from the workspace failed: %2</translation>
    </message>
    <message>
        <source>row %1 of %2 (%3 = %4)</source>
        <translation>row %1 of %2 (%3 = %4)</translation>
    </message>
    <message>
        <source>Moving the ids of %1 on failed: %2</source>
        <translation>Moving the ids of %1 on failed: %2</translation>
    </message>
    <message>
        <source>A workspace file is copied into a PostgreSQL store, not the other way.</source>
        <translation>A workspace file is copied into a PostgreSQL store, not the other way.</translation>
    </message>
    <message>
        <source>The workspace has schema %1 and the store %2; open the workspace with this GridDesk first so that both are at the same version.</source>
        <translation>The workspace has schema %1 and the store %2; open the workspace with this GridDesk first so that both are at the same version.</translation>
    </message>
    <message>
        <source>The store %1 already holds grids, cases or an org chart; copy into an empty store only.</source>
        <translation>The store %1 already holds grids, cases or an org chart; copy into an empty store only.</translation>
    </message>
    <message>
        <source>%1 is not a PostgreSQL address; write postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE.</source>
        <translation>%1 is not a PostgreSQL address; write postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE.</translation>
    </message>
    <message>
        <source>this GridDesk cannot reach PostgreSQL: Qt&apos;s PostgreSQL driver is not installed (Debian package libqt6sql6-psql).</source>
        <translation>this GridDesk cannot reach PostgreSQL: Qt&apos;s PostgreSQL driver is not installed (Debian package libqt6sql6-psql).</translation>
    </message>
    <message>
        <source>Connecting to the store %1</source>
        <translation>Connecting to the store %1</translation>
    </message>
    <message>
        <source>this PostgreSQL database holds tables that are not GridDesk&apos;s; give the server a database of its own.</source>
        <translation>this PostgreSQL database holds tables that are not GridDesk&apos;s; give the server a database of its own.</translation>
    </message>
    <message>
        <source>the store has schema version %1, newer than this GridDesk (%2) understands; use a newer GridDesk.</source>
        <translation>the store has schema version %1, newer than this GridDesk (%2) understands; use a newer GridDesk.</translation>
    </message>
    <message>
        <source> The store needs PostGIS: a database administrator runs CREATE EXTENSION postgis in it once.</source>
        <translation> The store needs PostGIS: a database administrator runs CREATE EXTENSION postgis in it once.</translation>
    </message>
    <message>
        <source>Migration %1 failed: %2</source>
        <translation>Migration %1 failed: %2</translation>
    </message>
</context>
<context>
    <name>GridDesk::WorkspaceLoader</name>
    <message>
        <source>The folder of %1 cannot be created.</source>
        <translation>The folder of %1 cannot be created.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Workstation for city grid governance.</source>
        <translation>Workstation for city grid governance.</translation>
    </message>
    <message>
        <source>The workspace (GeoPackage) to open or create.</source>
        <translation>The workspace (GeoPackage) to open or create.</translation>
    </message>
    <message>
        <source>Sample imported into a new workspace (nyc, taipei).</source>
        <translation>Sample imported into a new workspace (nyc, taipei).</translation>
    </message>
    <message>
        <source>Once the workspace is open and its map drawn, save the window to this PNG file and quit.</source>
        <translation>Once the workspace is open and its map drawn, save the window to this PNG file and quit.</translation>
    </message>
    <message>
        <source>The workspace could not be opened: %1</source>
        <translation>The workspace could not be opened: %1</translation>
    </message>
    <message>
        <source>The screenshot could not be saved to %1.</source>
        <translation>The screenshot could not be saved to %1.</translation>
    </message>
</context>
</TS>
