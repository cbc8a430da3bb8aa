<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>GridDesk::ActionDialog</name>
    <message>
        <source>Reload case</source>
        <translation>重新载入案件</translation>
    </message>
    <message>
        <source>What was done, and what is the outcome</source>
        <translation>做了哪些处置，结果如何</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>处置结果：</translation>
    </message>
    <message>
        <source>e.g. 4h, 2d or 48ch (calendar hours)</source>
        <translation>例如 4h、2d 或 48ch（自然小时）</translation>
    </message>
    <message>
        <source>More time:</source>
        <translation>延期时长：</translation>
    </message>
    <message>
        <source>Promised for:</source>
        <translation>承诺办结时间：</translation>
    </message>
    <message>
        <source>Required: why, in a sentence the history will keep</source>
        <translation>必填：用一句话说明原因，将记入办理记录</translation>
    </message>
    <message>
        <source>Optional note for the history</source>
        <translation>选填：记入办理记录的备注</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Possible duplicates:</source>
        <translation>可能重复的案件：</translation>
    </message>
    <message>
        <source>Merge into the chosen case instead</source>
        <translation>改为并入所选案件</translation>
    </message>
    <message>
        <source>Proposed:</source>
        <translation>建议：</translation>
    </message>
    <message>
        <source>Lead unit:</source>
        <translation>主办单位：</translation>
    </message>
    <message>
        <source>Taken over by:</source>
        <translation>接手单位：</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>5 – very satisfied</source>
        <translation>5 – 非常满意</translation>
    </message>
    <message>
        <source>4 – satisfied</source>
        <translation>4 – 满意</translation>
    </message>
    <message>
        <source>3 – neither</source>
        <translation>3 – 一般</translation>
    </message>
    <message>
        <source>2 – dissatisfied</source>
        <translation>2 – 不满意</translation>
    </message>
    <message>
        <source>1 – very dissatisfied</source>
        <translation>1 – 非常不满意</translation>
    </message>
    <message>
        <source>What the reporter said when called back</source>
        <translation>回访时反映人的意见</translation>
    </message>
    <message>
        <source>Satisfaction:</source>
        <translation>满意度：</translation>
    </message>
    <message>
        <source>Return visit:</source>
        <translation>回访：</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 – case %2&lt;/b&gt;&lt;br&gt;Now %3, version %4.</source>
        <extracomment>%1 is an action, %2 a case, %3 its state, %4 its version (number of events)</extracomment>
        <translation>&lt;b&gt;%1——案件 %2&lt;/b&gt;&lt;br&gt;当前状态：%3，版本 %4。</translation>
    </message>
    <message>
        <source>Choose a unit from the list.</source>
        <translation>请从列表中选择单位。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an org unit of this workspace; choose one from the list.</source>
        <translation>“%1”不是本工作区的组织单位；请从列表中选择。</translation>
    </message>
    <message>
        <source>Give a reason; the case&apos;s history keeps it.</source>
        <translation>请填写原因；原因将记入案件的办理记录。</translation>
    </message>
    <message>
        <source>Say how the case was handled.</source>
        <translation>请说明案件的处置情况。</translation>
    </message>
    <message>
        <source>Choose the reporter&apos;s satisfaction, from 1 to 5.</source>
        <translation>请选择反映人的满意度（1 到 5）。</translation>
    </message>
    <message>
        <source>The promised date must lie ahead.</source>
        <translation>承诺办结时间必须晚于当前时间。</translation>
    </message>
    <message>
        <source>Choose the case this one repeats.</source>
        <translation>请选择与本案件重复的案件。</translation>
    </message>
    <message>
        <source>Reload the case, check it, and submit again: what you entered is kept.</source>
        <translation>请重新载入案件，核对后再次提交：已填写的内容会保留。</translation>
    </message>
    <message>
        <source>Reloaded: the case is now %1. Check what you entered and submit again.</source>
        <extracomment>%1 is the case&apos;s state after a reload</extracomment>
        <translation>已重新载入：案件当前状态为“%1”。请核对已填写的内容后再次提交。</translation>
    </message>
    <message>
        <source>Handled by:</source>
        <translation>经办人：</translation>
    </message>
    <message>
        <source>Whoever the unit assigns</source>
        <translation>由单位指派</translation>
    </message>
    <message>
        <source>The org chart has nobody in %1 yet.</source>
        <translation>组织架构中%1还没有人员。</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>The org chart assigns nobody to grid %1.</source>
        <translation>组织架构中没有人员负责网格 %1。</translation>
    </message>
    <message>
        <source>Checked on site by:</source>
        <translation>现场核查人：</translation>
    </message>
    <message>
        <source>%1 – %2, %3</source>
        <extracomment>a person in a list: name, post and unit, e.g. &quot;Li Na – grid supervisor, Street one&quot;</extracomment>
        <translation>%1（%2，%3）</translation>
    </message>
    <message>
        <source>What the reporter was told, and what they said</source>
        <translation>告诉诉求人的内容，以及对方的答复</translation>
    </message>
    <message>
        <source>Call:</source>
        <translation>联系记录：</translation>
    </message>
    <message>
        <source>Say what the reporter was told and what they said.</source>
        <translation>请写明告诉诉求人的内容以及对方的答复。</translation>
    </message>
</context>
<context>
    <name>GridDesk::ActionIndex</name>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
</context>
<context>
    <name>GridDesk::AddUnitDialog</name>
    <message>
        <source>Add unit</source>
        <translation>新增单位</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <extracomment>a tier in a list: %1 its number (1–6), %2 its name</extracomment>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Under:</source>
        <translation>上级：</translation>
    </message>
    <message>
        <source>the top of the chart</source>
        <translation>组织架构顶层</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>代码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Tier:</source>
        <translation>层级(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>Enter a code for the unit.</source>
        <translation>请输入单位代码。</translation>
    </message>
    <message>
        <source>A unit code has no spaces.</source>
        <translation>单位代码不能含空格。</translation>
    </message>
</context>
<context>
    <name>GridDesk::AlertBanner</name>
    <message>
        <source>Open case</source>
        <translation>打开案件</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Dismiss all</source>
        <translation>全部忽略</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <source>The alerts of this session, also the dismissed ones</source>
        <translation>本次会话的提醒，包括已忽略的</translation>
    </message>
    <message numerus="yes">
        <source>+%n more</source>
        <extracomment>how many alerts wait behind the one the banner shows</extracomment>
        <translation>
            <numerusform>另有 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>No alerts yet in this session</source>
        <translation>本次会话尚无提醒</translation>
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
        <translation>案件 %1（%2）已被标为特殊案件。</translation>
    </message>
    <message>
        <source>Level %1 alarm (%2): case %3, %4</source>
        <extracomment>%1 is an alarm level 1–4, %2 a channel (&quot;IoT sensor alarm&quot;), %3 a case, %4 what it is</extracomment>
        <translation>%1 级报警（%2）：案件 %3，%4</translation>
    </message>
    <message>
        <source>Case %1 is overdue: its %2 time ran out at %3.</source>
        <extracomment>%1 is a case, %2 a stage (&quot;Handling&quot;), %3 the deadline&apos;s date and time</extracomment>
        <translation>案件 %1 已超时：%2时限已于 %3 用尽。</translation>
    </message>
    <message>
        <source>Case %1 has used %2 of its %3 time; due %4.</source>
        <extracomment>%1 is a case, %2 a percentage, %3 a stage (&quot;Handling&quot;), %4 the deadline</extracomment>
        <translation>案件 %1 已用去%3时限的 %2；到期时间 %4。</translation>
    </message>
    <message>
        <source>GridDesk</source>
        <translation>GridDesk</translation>
    </message>
    <message>
        <source>GridDesk alerts</source>
        <translation>GridDesk 提醒</translation>
    </message>
</context>
<context>
    <name>GridDesk::AttachStandardDialog</name>
    <message>
        <source>Known</source>
        <translation>已知</translation>
    </message>
    <message>
        <source>Attach a standard to %1 %2</source>
        <extracomment>%1 category code, %2 its title</extracomment>
        <translation>为 %1 %2 挂接标准</translation>
    </message>
    <message>
        <source>for example GB/T 34300-2017</source>
        <translation>例如 GB/T 34300-2017</translation>
    </message>
    <message>
        <source>optional; at most %1 MB</source>
        <translation>可选；最大 %1 MB</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>编号(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>名称(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>级别(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Published:</source>
        <translation>发布日期(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Implemented:</source>
        <translation>实施日期(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Document:</source>
        <translation>文档(&amp;D)：</translation>
    </message>
    <message>
        <source>A standard needs a number.</source>
        <translation>标准须有编号。</translation>
    </message>
    <message>
        <source>A standard needs a title.</source>
        <translation>标准须有名称。</translation>
    </message>
    <message>
        <source>A standard cannot be implemented before it is published.</source>
        <translation>标准的实施日期不能早于发布日期。</translation>
    </message>
    <message>
        <source>The document %1 does not exist.</source>
        <translation>文档 %1 不存在。</translation>
    </message>
    <message>
        <source>%1 is %2 MB; a document kept in the workspace may be at most %3 MB.</source>
        <extracomment>%1 file name, %2 its size in MB, %3 the largest size in MB</extracomment>
        <translation>%1 为 %2 MB；工作区中保存的文档最大为 %3 MB。</translation>
    </message>
    <message>
        <source>Document of the standard</source>
        <translation>标准文档</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.doc *.docx *.odt *.txt);;All files (*)</source>
        <translation>文档 (*.pdf *.doc *.docx *.odt *.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>GridDesk::AttachedStandardsModel</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <source>Implemented</source>
        <translation>实施日期</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Attached in this session; Save keeps it in the workspace.</source>
        <translation>本次会话中挂接；保存后存入工作区。</translation>
    </message>
    <message>
        <source>Double-click to open the document.</source>
        <translation>双击打开文档。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1 file name, %2 its size such as &quot;1.2 MB&quot;</extracomment>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>GridDesk::CalendarEditor</name>
    <message>
        <source>Holiday</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>Adjusted workday</source>
        <translation>调休上班日</translation>
    </message>
    <message>
        <source>Working week</source>
        <translation>工作周</translation>
    </message>
    <message>
        <source>09:00–12:00, 13:30–17:30</source>
        <translation>09:00–12:00, 13:30–17:30</translation>
    </message>
    <message>
        <source>Working periods of a day, in order, separated by commas.</source>
        <translation>一天中的各个工作时段，按先后顺序填写，用英文逗号分隔。</translation>
    </message>
    <message>
        <source>Working &amp;periods:</source>
        <translation>工作时段(&amp;P)：</translation>
    </message>
    <message>
        <source>Weekend days:</source>
        <translation>周末：</translation>
    </message>
    <message>
        <source>Holiday schedule</source>
        <translation>节假日安排</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>年份(&amp;Y)：</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Holiday name</source>
        <translation>节日名称</translation>
    </message>
    <message>
        <source>&amp;Add day</source>
        <translation>添加日期(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;move day</source>
        <translation>移除日期(&amp;M)</translation>
    </message>
    <message>
        <source>Working period &quot;%1&quot; is not written like 09:00–12:00.</source>
        <translation>工作时段“%1”的格式不对，应写作 09:00–12:00。</translation>
    </message>
    <message>
        <source>Working periods &quot;%1&quot;: %2</source>
        <translation>工作时段“%1”：%2</translation>
    </message>
    <message>
        <source>Give the day a name, such as the holiday it belongs to.</source>
        <translation>请为该日期填写名称，例如所属的节日。</translation>
    </message>
    <message>
        <source>%1 is now listed as %2.</source>
        <translation>%1 现已列为“%2”。</translation>
    </message>
    <message>
        <source>Choose the day to remove from the list.</source>
        <translation>请从列表中选择要移除的日期。</translation>
    </message>
    <message>
        <source>%1 follows the normal week again.</source>
        <translation>%1 已恢复按正常工作周安排。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Nothing was imported. %1</source>
        <translation>未导入任何内容。%1</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) read from %1.</source>
        <translation>
            <numerusform>已从 %1 读取 %n 天。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>The days of %1 were written to %2.</source>
        <translation>%1 年的日期已写入 %2。</translation>
    </message>
    <message>
        <source>Import holiday schedule</source>
        <translation>导入节假日安排</translation>
    </message>
    <message>
        <source>Holiday schedules (*.csv);;All files (*)</source>
        <translation>节假日安排 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export holiday schedule</source>
        <translation>导出节假日安排</translation>
    </message>
    <message>
        <source>Imp&amp;ort holiday schedule (CSV)…</source>
        <translation>导入节假日安排（CSV）(&amp;O)…</translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseActions</name>
    <message>
        <source>&amp;Report a case…</source>
        <translation>上报案件(&amp;R)…</translation>
    </message>
    <message>
        <source>R&amp;un as…</source>
        <translation>切换用户(&amp;U)…</translation>
    </message>
    <message>
        <source>Re&amp;load case</source>
        <translation>重新载入案件(&amp;L)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1 is an action such as &quot;Dispatch&quot;, %2 its keyboard shortcut</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseBook</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1失败：%2</translation>
    </message>
    <message>
        <source>There is no case %1.</source>
        <translation>没有案件 %1。</translation>
    </message>
    <message>
        <source>The default unit of category %1</source>
        <translation>类别 %1 的默认单位</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is recorded by the desk itself, not taken as an action.</source>
        <translation>“%1”由工作台自动记录，不能作为操作执行。</translation>
    </message>
    <message>
        <source>Case %1 is %2; a duplicate can only be merged into an open case.</source>
        <translation>案件 %1 处于“%2”状态；重复案件只能并入未办结的案件。</translation>
    </message>
    <message>
        <source>Reading the history of case %1</source>
        <translation>读取案件 %1 的办理记录</translation>
    </message>
    <message>
        <source>Event %1 of case %2 cannot be read.</source>
        <translation>无法读取案件 %2 的第 %1 条办理记录。</translation>
    </message>
    <message>
        <source>The history of case %1 has a gap before event %2.</source>
        <translation>案件 %1 的办理记录在第 %2 条之前有缺失。</translation>
    </message>
    <message>
        <source>Recording &quot;%1&quot; on case %2</source>
        <translation>为案件 %2 记录“%1”</translation>
    </message>
    <message>
        <source>Updating case %1</source>
        <translation>更新案件 %1</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is %2 MB; attachments may be at most %3 MB.</source>
        <translation>%1 大小为 %2 MB；附件最大为 %3 MB。</translation>
    </message>
    <message>
        <source>Keeping %1 with case %2</source>
        <translation>将 %1 保存到案件 %2</translation>
    </message>
    <message>
        <source>Reading the attachments of case %1</source>
        <translation>读取案件 %1 的附件</translation>
    </message>
    <message>
        <source>Reading attachment %1</source>
        <translation>读取附件 %1</translation>
    </message>
    <message>
        <source>There is no attachment %1.</source>
        <translation>没有附件 %1。</translation>
    </message>
    <message>
        <source>Finding overdue cases</source>
        <translation>查找超期案件</translation>
    </message>
    <message>
        <source>The handling time ran out at %1.</source>
        <translation>处置时限已于 %1 届满。</translation>
    </message>
    <message>
        <source>The supervision time ran out at %1.</source>
        <translation>督办时限已于 %1 届满。</translation>
    </message>
    <message>
        <source>Looking for duplicates of case %1</source>
        <translation>查找案件 %1 的重复案件</translation>
    </message>
    <message>
        <source>Finding open cases</source>
        <translation>查找未办结案件</translation>
    </message>
    <message>
        <source>a history must begin with the report</source>
        <translation>办理记录必须以上报开始</translation>
    </message>
    <message>
        <source>it starts from another state than the case was in</source>
        <translation>其起始状态与案件当时所处的状态不同</translation>
    </message>
    <message>
        <source>the loop does not lead there by that action</source>
        <translation>按闭环流程，该操作不会进入该状态</translation>
    </message>
    <message>
        <source>it is dated before the event before it</source>
        <translation>其时间早于前一条办理记录</translation>
    </message>
    <message>
        <source>Event %1 of case %2 does not follow from the history: %3.</source>
        <translation>案件 %2 的第 %1 条办理记录与之前的记录不衔接：%3。</translation>
    </message>
    <message>
        <source>%1 lies in the future; actions are recorded when they are taken.</source>
        <translation>%1 是将来的时间；操作应在执行时记录。</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 不是普通文件。</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 是空文件。</translation>
    </message>
    <message>
        <source>%1 keeps growing.</source>
        <translation>%1 在读取过程中仍在变大。</translation>
    </message>
    <message>
        <source>Looking for changed cases</source>
        <translation>查找有变化的案件</translation>
    </message>
    <message>
        <source>Looking for case %1</source>
        <translation>查找案件 %1</translation>
    </message>
    <message>
        <source>Case %1 could not be moved to grid %2: %3</source>
        <translation>无法将案件 %1 移入网格 %2：%3</translation>
    </message>
    <message>
        <source>Case %1 cannot keep %2 events of its history.</source>
        <translation>案件 %1 无法保留其历史中的 %2 个事件。</translation>
    </message>
    <message>
        <source>Setting aside the history of case %1: %2</source>
        <translation>搁置案件 %1 的历史：%2</translation>
    </message>
    <message>
        <source>An attachment has 1 byte to %1 MB, not %2 bytes.</source>
        <translation>附件大小应为 1 字节至 %1 MB，而不是 %2 字节。</translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseDesk</name>
    <message>
        <source>The desk cannot work on %1: %2</source>
        <translation>工作台无法使用 %1：%2</translation>
    </message>
    <message>
        <source>%1 has the role &quot;%2&quot;, which the desk does not know.</source>
        <translation>%1 的角色为“%2”，工作台无法识别该角色。</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>没有打开的工作区。</translation>
    </message>
    <message>
        <source>Finish or cancel the open dialog first.</source>
        <translation>请先完成或取消已打开的对话框。</translation>
    </message>
    <message>
        <source>Case %1: %2 done; it is now %3.</source>
        <extracomment>%1 is a case, %2 an action, %3 the state it is in now</extracomment>
        <translation>案件 %1：已完成“%2”，当前状态：%3。</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <extracomment>%1 is the unit a dispatch rule proposes, %2 the rule and why it matched</extracomment>
        <translation>%1——%2</translation>
    </message>
    <message>
        <source>%1: no rule matches; it is the default unit of category %2.</source>
        <translation>%1：没有匹配的派遣规则；该单位是类别 %2 的默认单位。</translation>
    </message>
    <message>
        <source>No rule matches and the category names no default unit: choose the unit.</source>
        <translation>没有匹配的派遣规则，该类别也未指定默认单位：请选择单位。</translation>
    </message>
    <message>
        <source>Click the place of the case on the map.</source>
        <translation>请在地图上点击案件所在位置。</translation>
    </message>
    <message>
        <source>Case %1 reported; it waits to be registered.</source>
        <translation>案件 %1 已上报，等待立案。</translation>
    </message>
    <message>
        <source>%1 is kept with case %2.</source>
        <translation>%1 已保存到案件 %2。</translation>
    </message>
    <message>
        <source>Attach a file to the case</source>
        <translation>为案件添加附件</translation>
    </message>
    <message>
        <source>Photos and documents (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.txt);;All files (*)</source>
        <translation>照片和文档 (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Save attachment as</source>
        <translation>附件另存为</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>The map is centred on the case; its point appears when the workspace is opened again.</source>
        <translation>地图已以该案件为中心；重新打开工作区后将显示案件的点位。</translation>
    </message>
    <message numerus="yes">
        <source>Deadline rules acted on %n case(s).</source>
        <translation>
            <numerusform>时限规则已处理 %n 件案件。</numerusform>
        </translation>
    </message>
    <message>
        <source>The desk works with the saved workflow setup.</source>
        <translation>工作台已采用保存后的流程设置。</translation>
    </message>
    <message>
        <source>Reports cannot be linked to the register: %1</source>
        <translation>上报无法关联台账：%1</translation>
    </message>
    <message>
        <source>%1 — %2 %3</source>
        <extracomment>a register entry offered for a case: its code, kind and name</extracomment>
        <translation>%1 — %2 %3</translation>
    </message>
    <message>
        <source>Link a register entry</source>
        <translation>关联台账条目</translation>
    </message>
    <message>
        <source>An entry at the case&apos;s place, or any entry&apos;s code:</source>
        <translation>案件所在位置的条目，或任一条目的编码：</translation>
    </message>
    <message>
        <source>Case %1 is linked to %2.</source>
        <translation>案件 %1 已关联 %2。</translation>
    </message>
    <message>
        <source>Case %1 is no longer linked to %2.</source>
        <translation>案件 %1 已取消关联 %2。</translation>
    </message>
    <message>
        <source>Reveal the reporter&apos;s contact</source>
        <translation>查看报告人联系方式</translation>
    </message>
    <message>
        <source>Why do you need the reporter&apos;s contact? The reveal is recorded with your name and this reason.</source>
        <translation>为何需要报告人的联系方式？本次查看将连同您的姓名和理由一并记录。</translation>
    </message>
    <message>
        <source>This case&apos;s report left no contact.</source>
        <translation>此案件的报告未留联系方式。</translation>
    </message>
    <message>
        <source>The reporter&apos;s contact is shown; the reveal is recorded.</source>
        <translation>已显示报告人联系方式；本次查看已记录。</translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseDetailPanel</name>
    <message>
        <source>Case:</source>
        <translation>案件：</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>描述：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>位置：</translation>
    </message>
    <message>
        <source>Grid:</source>
        <translation>网格：</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>来源渠道：</translation>
    </message>
    <message>
        <source>Reported:</source>
        <translation>上报时间：</translation>
    </message>
    <message>
        <source>Case types:</source>
        <translation>事项类型：</translation>
    </message>
    <message>
        <source>Lead unit:</source>
        <translation>主办单位：</translation>
    </message>
    <message>
        <source>Jointly with:</source>
        <translation>协办单位：</translation>
    </message>
    <message>
        <source>Dispatched by:</source>
        <translation>派遣依据：</translation>
    </message>
    <message>
        <source>Promised for:</source>
        <translation>承诺办结时间：</translation>
    </message>
    <message>
        <source>Satisfaction:</source>
        <translation>满意度：</translation>
    </message>
    <message>
        <source>Duplicates:</source>
        <translation>重复案件：</translation>
    </message>
    <message>
        <source>Rule %1</source>
        <translation>规则 %1</translation>
    </message>
    <message>
        <source>Chosen by %1 (no rule)</source>
        <extracomment>%1 is the person who chose the unit</extracomment>
        <translation>由 %1 选定（未按规则）</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>在地图上显示</translation>
    </message>
    <message>
        <source>Centre the map on the case and select it</source>
        <translation>以该案件为地图中心并选中它</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>History</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>No case chosen. Pick one in the queue or on the map.</source>
        <translation>未选择案件。请在队列或地图上选择一件案件。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Case %1&lt;/b&gt; · %2</source>
        <extracomment>%1 is a case, %2 its state</extracomment>
        <translation>&lt;b&gt;案件 %1&lt;/b&gt; · %2</translation>
    </message>
    <message>
        <source>%1 (no. %2 in this workspace)</source>
        <translation>%1（本工作区第 %2 号）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1, %2 (longitude, latitude)</source>
        <translation>%1, %2（经度, 纬度）</translation>
    </message>
    <message>
        <source>none given</source>
        <translation>未提供</translation>
    </message>
    <message>
        <source>(no history recorded yet)</source>
        <translation>（尚无办理记录）</translation>
    </message>
    <message>
        <source>%1 of 5</source>
        <translation>%1 / 5</translation>
    </message>
    <message>
        <source>merged into case %1</source>
        <translation>已并入案件 %1</translation>
    </message>
    <message>
        <source>case %1 merged in</source>
        <translation>案件 %1 已并入</translation>
    </message>
    <message>
        <source>Late by %1</source>
        <translation>超时 %1</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <source>%1 (%2), added by %3 on %4</source>
        <extracomment>an attachment: file name, size, who added it and when</extracomment>
        <translation>%1（%2），由 %3 于 %4 添加</translation>
    </message>
    <message>
        <source>(history unreadable: %1)</source>
        <translation>（办理记录无法读取：%1）</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>关联…</translation>
    </message>
    <message>
        <source>Link the case to a register entry: one at its place, or any by its code</source>
        <translation>把案件关联到台账条目：所在位置的条目，或按编码指定任一条目</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <extracomment>%1 is a register entry&apos;s kind, %2 its name, %3 its code</extracomment>
        <translation>%1 %2（%3）</translation>
    </message>
    <message>
        <source>Reporter: %1</source>
        <translation>诉求人：%1</translation>
    </message>
    <message>
        <source>Linked by %1</source>
        <translation>由 %1 关联</translation>
    </message>
    <message>
        <source>Possibly the same as:</source>
        <translation>可能重复：</translation>
    </message>
    <message>
        <source>case %1 (%2, %3 min and %4 m apart)</source>
        <extracomment>%1 is a case, %2 its channel, %3 minutes and %4 metres from this case</extracomment>
        <translation>案件 %1（%2，相隔 %3 分钟、%4 米）</translation>
    </message>
    <message>
        <source>— merge it with Merge.</source>
        <translation>——可用“合并”并案。</translation>
    </message>
    <message>
        <source>Reporter&apos;s contact:</source>
        <translation>报告人联系方式：</translation>
    </message>
    <message>
        <source>Reveal contact…</source>
        <translation>查看联系方式…</translation>
    </message>
    <message>
        <source>%1 (masked)</source>
        <translation>%1（已脱敏）</translation>
    </message>
    <message>
        <source>Show the contact unmasked; you are asked why, and the reveal is recorded</source>
        <translation>显示联系方式明文；需说明理由，查看将被记录</translation>
    </message>
    <message>
        <source>Only a leader or an administrator may see a reporter&apos;s contact unmasked</source>
        <translation>仅领导或管理员可查看报告人联系方式明文</translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseImporter</name>
    <message>
        <source>There is no case profile &quot;%1&quot;; use auto, nyc311 or la311.</source>
        <translation>没有名为“%1”的案件导入配置；请使用 auto、nyc311 或 la311。</translation>
    </message>
    <message>
        <source>%1 does not look like a known hotline export (nyc311 or la311): its columns are %2.</source>
        <translation>%1 不像已知的热线导出文件（nyc311 或 la311）：其列为 %2。</translation>
    </message>
    <message>
        <source>%1 has no column &quot;%2&quot;, which the %3 profile needs.</source>
        <translation>%1 缺少 %3 配置所需的列“%2”。</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) had coordinates outside longitude/latitude and were kept without a location.</source>
        <translation>
            <numerusform>%n 行的坐标超出经纬度范围，已保留但不带位置。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) repeat an id met earlier in the file (first: %1); the later row was kept.</source>
        <translation>
            <numerusform>%n 行的编号与文件中前面的行重复（第一个：%1）；保留了后出现的行。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseQueueWidget</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Show the cases of every grid again</source>
        <translation>重新显示所有网格的案件</translation>
    </message>
    <message>
        <source>Filtered by grid %1</source>
        <extracomment>%1 is the name and code of a grid chosen on the map</extracomment>
        <translation>按网格 %1 筛选</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln case(s) shown</source>
        <translation>
            <numerusform>显示 %1 / %Ln 件案件</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter cases (id, state, category, unit, grid…)</source>
        <translation>筛选案件（编号、状态、类别、单位、网格…）</translation>
    </message>
    <message>
        <source>Queues: Ctrl+1 to Ctrl+8</source>
        <translation>队列：Ctrl+1 至 Ctrl+8</translation>
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
            <numerusform>%1 的 %n 个案件</numerusform>
        </translation>
    </message>
    <message>
        <source>Show every case again</source>
        <translation>重新显示全部案件</translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseTableModel</name>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>来源状态</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>责任部门</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>%1, extension asked</source>
        <extracomment>%1 is a case state; a unit asked for more time and a manager must decide</extracomment>
        <translation>%1，已申请延期</translation>
    </message>
    <message>
        <source>Jointly with %1</source>
        <extracomment>%1 lists the units handling a joint case with the lead unit</extracomment>
        <translation>协办：%1</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Lead unit</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>来源渠道</translation>
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
        <translation>时间</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Lead unit: %1.</source>
        <translation>主办单位：%1。</translation>
    </message>
    <message>
        <source>Jointly with %1.</source>
        <translation>协办单位：%1。</translation>
    </message>
    <message>
        <source>Proposed by %1.</source>
        <extracomment>%1 is a dispatch rule and why it matched, e.g. &apos;Rule R1 &quot;Roads&quot; (category road)&apos;</extracomment>
        <translation>建议来源：%1。</translation>
    </message>
    <message>
        <source>Satisfaction %1 of 5.</source>
        <extracomment>%1 is a satisfaction from 1 to 5</extracomment>
        <translation>满意度：%1 / 5。</translation>
    </message>
    <message>
        <source>Return visit: %1</source>
        <translation>回访：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1 is a file name, %2 its size, e.g. &quot;photo.jpg (1.2 MB)&quot;
----------
%1 is a register entry&apos;s code, %2 its kind and masked name</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Channel: %1.</source>
        <translation>来源渠道：%1。</translation>
    </message>
    <message>
        <source>Category: %1.</source>
        <translation>类别：%1。</translation>
    </message>
    <message>
        <source>Taken over by %1.</source>
        <translation>由 %1 接手。</translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation>处置结果：%1</translation>
    </message>
    <message>
        <source>Asked for %1 more.</source>
        <extracomment>%1 is a time limit such as &quot;2d&quot;</extracomment>
        <translation>申请延期 %1。</translation>
    </message>
    <message>
        <source>Granted %1 more.</source>
        <translation>批准延期 %1。</translation>
    </message>
    <message>
        <source>Promised for %1.</source>
        <translation>承诺于 %1 办结。</translation>
    </message>
    <message>
        <source>Merged into case %1.</source>
        <translation>已并入案件 %1。</translation>
    </message>
    <message>
        <source>Case %1 was merged into this one.</source>
        <translation>案件 %1 已并入本案件。</translation>
    </message>
    <message>
        <source>Grid %1 → %2 (edition %3).</source>
        <extracomment>%1 and %2 are grid codes, %3 the number of a grid edition</extracomment>
        <translation>网格 %1 → %2（第 %3 版）。</translation>
    </message>
    <message>
        <source>Handled by %1.</source>
        <translation>经办人：%1。</translation>
    </message>
    <message>
        <source>Checked on site by %1.</source>
        <translation>现场核查人：%1。</translation>
    </message>
    <message>
        <source>Reporter: %1.</source>
        <translation>诉求人：%1。</translation>
    </message>
    <message>
        <source>Register entry: %1.</source>
        <translation>台账条目：%1。</translation>
    </message>
    <message>
        <source>Received %1 from %2.</source>
        <extracomment>%1 is a time, %2 the program or file that sent a report</extracomment>
        <translation>%1 收自 %2。</translation>
    </message>
    <message>
        <source>Alarm %1, level %2, from device %3.</source>
        <extracomment>%1 is the type of an alarm, %2 its level from 1 to 4, %3 the device&apos;s code</extracomment>
        <translation>告警 %1，%2 级，来自设备 %3。</translation>
    </message>
    <message numerus="yes">
        <source>(%n bytes that are not text)</source>
        <translation>
            <numerusform>（%n 字节，非文本）</numerusform>
        </translation>
    </message>
    <message>
        <source>As received:</source>
        <translation>原始内容：</translation>
    </message>
    <message>
        <source>%1 Came again: %2 alarms in all.</source>
        <extracomment>%1 says which alarm, %2 how many alarms the report holds now</extracomment>
        <translation>%1 再次告警：共 %2 次。</translation>
    </message>
</context>
<context>
    <name>GridDesk::CaseType</name>
    <message>
        <source>Immediate</source>
        <translation>即办事项</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>承诺事项</translation>
    </message>
    <message>
        <source>Joint handling</source>
        <translation>联动处置事项</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>上报事项</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>退回事项</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>不予受理事项</translation>
    </message>
    <message>
        <source>Supplementary</source>
        <translation>补办事项</translation>
    </message>
    <message>
        <source>Special</source>
        <translation>特办事项</translation>
    </message>
</context>
<context>
    <name>GridDesk::CategoriesEditor</name>
    <message>
        <source>Component</source>
        <translation>部件</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Default unit</source>
        <translation>默认单位</translation>
    </message>
    <message>
        <source>Own limits</source>
        <translation>自定时限</translation>
    </message>
    <message>
        <source>Add &amp;top-level</source>
        <translation>添加顶级类别(&amp;T)</translation>
    </message>
    <message>
        <source>Add &amp;subcategory</source>
        <translation>添加子类别(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>The code is fixed once the category is saved: cases keep it.</source>
        <translation>类别保存后编码即固定：案件会保留该编码。</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>编码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>Default &amp;unit:</source>
        <translation>默认单位(&amp;U)：</translation>
    </message>
    <message>
        <source>Time limits: &quot;4h&quot; working hours, &quot;3d&quot; working days, &quot;48ch&quot; calendar hours; empty takes the limit shown in grey.</source>
        <translation>时限：“4h”表示工作小时，“3d”表示工作日，“48ch”表示自然小时；留空则采用灰色显示的时限。</translation>
    </message>
    <message>
        <source>%1:</source>
        <extracomment>a stage of the loop with a time limit, e.g. &quot;Handle:&quot;</extracomment>
        <translation>%1：</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>a stage and its own time limit in the category list, e.g. &quot;Handle 3d&quot;</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Choose the category to add a subcategory to.</source>
        <translation>请选择要在其下添加子类别的类别。</translation>
    </message>
    <message>
        <source>New category</source>
        <translation>新类别</translation>
    </message>
    <message>
        <source>%1 has subcategories; remove or move them first.</source>
        <translation>%1 有子类别；请先删除或移走这些子类别。</translation>
    </message>
    <message>
        <source>Dispatch rule %1 names %2; change or remove the rule first.</source>
        <translation>派遣规则 %1 引用了 %2；请先修改或删除该规则。</translation>
    </message>
    <message>
        <source>%1 removed.</source>
        <translation>已删除 %1。</translation>
    </message>
    <message>
        <source>A subcategory is of its parent&apos;s kind.</source>
        <translation>子类别的类型与其上级类别相同。</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <extracomment>the limit a category takes from a parent category, e.g. &quot;3d from road&quot;
----------
the unit a category takes from a parent, e.g. &quot;Street one from road&quot;</extracomment>
        <translation>%1（来自 %2）</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>无时限</translation>
    </message>
    <message>
        <source>%1 standard</source>
        <extracomment>the limit a category takes from the standard limits, e.g. &quot;3d standard&quot;</extracomment>
        <translation>%1（标准）</translation>
    </message>
    <message>
        <source>A category (named &quot;%1&quot;) has no code.</source>
        <translation>有一个类别（名称为“%1”）没有编码。</translation>
    </message>
    <message>
        <source>Category %1, limit of %2: %3</source>
        <extracomment>%1 a category code, %2 a stage, %3 what is wrong with the limit</extracomment>
        <translation>类别 %1 的“%2”时限：%3</translation>
    </message>
    <message>
        <source>Type part of a unit&apos;s name or code</source>
        <translation>输入单位名称或编码的一部分</translation>
    </message>
    <message>
        <source>None: dispatchers choose, unless a rule decides</source>
        <translation>无：除非有规则决定，否则由派遣人员选择</translation>
    </message>
</context>
<context>
    <name>GridDesk::CategoryDialog</name>
    <message>
        <source>New category under %1</source>
        <extracomment>%1 is the code of the category the new one goes under</extracomment>
        <translation>在 %1 下新建类别</translation>
    </message>
    <message>
        <source>Title (&amp;Chinese):</source>
        <translation>中文名称(&amp;C)：</translation>
    </message>
    <message>
        <source>Title (&amp;English):</source>
        <translation>英文名称(&amp;E)：</translation>
    </message>
    <message>
        <source>Summary (C&amp;hinese):</source>
        <translation>中文摘要(&amp;H)：</translation>
    </message>
    <message>
        <source>Summary (E&amp;nglish):</source>
        <translation>英文摘要(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>GridDesk::CategoryTree</name>
    <message>
        <source>&quot;code&quot; is missing</source>
        <translation>缺少“code”</translation>
    </message>
    <message>
        <source>&quot;kind&quot; is &quot;%1&quot;; it must be &quot;component&quot; or &quot;event&quot;</source>
        <translation>“kind”为“%1”；必须是“component”或“event”</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a stage</source>
        <translation>“%1”不是环节</translation>
    </message>
    <message>
        <source>Category %1 appears twice.</source>
        <translation>类别 %1 出现了两次。</translation>
    </message>
    <message>
        <source>Category %1 names a parent %2 that does not exist.</source>
        <translation>类别 %1 指定的上级类别 %2 不存在。</translation>
    </message>
    <message>
        <source>Category %1 is its own ancestor.</source>
        <translation>类别 %1 的上级链中包含其自身。</translation>
    </message>
    <message>
        <source>category %1</source>
        <translation>第 %1 个类别</translation>
    </message>
    <message>
        <source>the limit of %1 must be written as text, such as &quot;3d&quot;</source>
        <translation>%1 的时限须写成文本，例如“3d”</translation>
    </message>
</context>
<context>
    <name>GridDesk::ChoroplethOverlay</name>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>无数值</translation>
    </message>
    <message>
        <source>%1 in grid %2: %3</source>
        <extracomment>%1 an indicator, %2 a grid code, %3 its value</extracomment>
        <translation>网格 %2 的%1：%3</translation>
    </message>
</context>
<context>
    <name>GridDesk::Cli</name>
    <message>
        <source>griddesk-cli: %1</source>
        <translation>griddesk-cli：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>  encoding: %1</source>
        <translation>  编码：%1</translation>
    </message>
    <message>
        <source>import-grids needs a WORKSPACE and a FILE.</source>
        <translation>import-grids 需要指定工作区（WORKSPACE）和文件（FILE）。</translation>
    </message>
    <message>
        <source>import-grids needs --level (%1).</source>
        <translation>import-grids 需要 --level（%1）。</translation>
    </message>
    <message>
        <source>unknown level &quot;%1&quot;; use one of %2.</source>
        <translation>未知层级“%1”；请使用以下之一：%2。</translation>
    </message>
    <message>
        <source>import-cases needs a WORKSPACE and a FILE.</source>
        <translation>import-cases 需要指定工作区（WORKSPACE）和文件（FILE）。</translation>
    </message>
    <message>
        <source>grids needs a WORKSPACE.</source>
        <translation>grids 需要指定工作区（WORKSPACE）。</translation>
    </message>
    <message>
        <source>grids prints JSON only; add --json.</source>
        <translation>grids 只输出 JSON；请加上 --json。</translation>
    </message>
    <message>
        <source>cases needs a WORKSPACE.</source>
        <translation>cases 需要指定工作区（WORKSPACE）。</translation>
    </message>
    <message>
        <source>cases prints JSON only; add --json.</source>
        <translation>cases 只输出 JSON；请加上 --json。</translation>
    </message>
    <message>
        <source>the workspace has no grid %1.</source>
        <translation>工作区中没有网格 %1。</translation>
    </message>
    <message>
        <source>render needs a WORKSPACE and an OUT.png.</source>
        <translation>render 需要指定工作区（WORKSPACE）和输出图片（OUT.png）。</translation>
    </message>
    <message>
        <source>--size must be WIDTHxHEIGHT, 16 to 16384 pixels each, for example 1600x1200.</source>
        <translation>--size 须为 宽x高，每边 16 到 16384 像素，例如 1600x1200。</translation>
    </message>
    <message>
        <source>--bbox must be WEST,SOUTH,EAST,NORTH in degrees with west &lt; east and south &lt; north.</source>
        <translation>--bbox 须为 西,南,东,北（单位为度），且西 &lt; 东、南 &lt; 北。</translation>
    </message>
    <message>
        <source>the workspace has nothing to draw; import grids first.</source>
        <translation>工作区中没有可绘制的内容；请先导入网格。</translation>
    </message>
    <message>
        <source>the image could not be written to %1.</source>
        <translation>无法将图片写入 %1。</translation>
    </message>
    <message>
        <source>%1: %2x%3 pixels, extent %4,%5,%6,%7</source>
        <translation>%1：%2x%3 像素，范围 %4,%5,%6,%7</translation>
    </message>
    <message>
        <source>Grid level.</source>
        <translation>网格层级。</translation>
    </message>
    <message>
        <source>Layer to read.</source>
        <translation>要读取的图层。</translation>
    </message>
    <message>
        <source>Field holding grid codes.</source>
        <translation>存放网格编码的字段。</translation>
    </message>
    <message>
        <source>Field holding grid names.</source>
        <translation>存放网格名称的字段。</translation>
    </message>
    <message>
        <source>Field holding parent codes.</source>
        <translation>存放上级网格编码的字段。</translation>
    </message>
    <message>
        <source>CRS of the file, or gcj02.</source>
        <translation>文件的坐标系，或 gcj02。</translation>
    </message>
    <message>
        <source>Text encoding of the attributes.</source>
        <translation>属性文字的编码。</translation>
    </message>
    <message>
        <source>Case import profile.</source>
        <translation>案件导入配置。</translation>
    </message>
    <message>
        <source>Only cases in this grid and below.</source>
        <translation>只列出此网格及其下级网格的案件。</translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation>输出 JSON。</translation>
    </message>
    <message>
        <source>Mend invalid polygons instead of failing.</source>
        <translation>修复无效多边形，而不是中止导入。</translation>
    </message>
    <message>
        <source>Image size.</source>
        <translation>图片尺寸。</translation>
    </message>
    <message>
        <source>Extent to draw.</source>
        <translation>绘制范围。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>显示本帮助。</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;.</source>
        <translation>未知命令“%1”。</translation>
    </message>
    <message>
        <source>The local user taking the action.</source>
        <translation>执行操作的本地用户。</translation>
    </message>
    <message>
        <source>The role acted in.</source>
        <translation>以哪种角色操作。</translation>
    </message>
    <message>
        <source>Lead unit (dispatch) or unit taking over (escalate).</source>
        <translation>主办单位（派遣时）或接手单位（升级时）。</translation>
    </message>
    <message>
        <source>A co-handling unit; repeat for several.</source>
        <translation>协办单位；有多个时可重复指定。</translation>
    </message>
    <message>
        <source>Why.</source>
        <translation>原因。</translation>
    </message>
    <message>
        <source>How the case was handled.</source>
        <translation>案件的处置情况。</translation>
    </message>
    <message>
        <source>Satisfaction, 1 to 5.</source>
        <translation>满意度，1 到 5。</translation>
    </message>
    <message>
        <source>Extra time asked for, such as 2d or 4h.</source>
        <translation>申请延长的时间，例如 2d 或 4h。</translation>
    </message>
    <message>
        <source>The promised date.</source>
        <translation>承诺办结时间。</translation>
    </message>
    <message>
        <source>The case a duplicate is merged into.</source>
        <translation>重复案件要并入的案件。</translation>
    </message>
    <message>
        <source>File to attach.</source>
        <translation>要添加为附件的文件。</translation>
    </message>
    <message>
        <source>The case version the action was decided on.</source>
        <translation>决定此操作时所依据的案件版本。</translation>
    </message>
    <message>
        <source>When the action was taken (default: now).</source>
        <translation>操作时间（默认为当前时间）。</translation>
    </message>
    <message>
        <source>Apply the deadline rules.</source>
        <translation>执行时限规则。</translation>
    </message>
    <message>
        <source>A rule table to try instead of the saved one.</source>
        <translation>用于试运行的规则表，代替已保存的规则。</translation>
    </message>
    <message>
        <source>First day, YYYY-MM-DD.</source>
        <translation>起始日期，YYYY-MM-DD。</translation>
    </message>
    <message>
        <source>Last day, YYYY-MM-DD.</source>
        <translation>结束日期，YYYY-MM-DD。</translation>
    </message>
    <message>
        <source>Only this year.</source>
        <translation>仅限该年份。</translation>
    </message>
    <message>
        <source>Case category.</source>
        <translation>案件类别。</translation>
    </message>
    <message>
        <source>What was seen.</source>
        <translation>所发现的问题。</translation>
    </message>
    <message>
        <source>Where.</source>
        <translation>地点。</translation>
    </message>
    <message>
        <source>Longitude, WGS84.</source>
        <translation>经度（WGS84）。</translation>
    </message>
    <message>
        <source>Latitude, WGS84.</source>
        <translation>纬度（WGS84）。</translation>
    </message>
    <message>
        <source>Source channel of a report.</source>
        <translation>上报的来源渠道。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not valid JSON at byte %2: %3</source>
        <translation>%1 在第 %2 字节处不是有效的 JSON：%3</translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation>第 %1 个单位</translation>
    </message>
    <message>
        <source>%1: &quot;code&quot; and &quot;name&quot; are needed.</source>
        <translation>%1：需要“code”和“name”。</translation>
    </message>
    <message>
        <source>%1: %2 appears twice.</source>
        <translation>%1：%2 出现了两次。</translation>
    </message>
    <message>
        <source>a user has no &quot;name&quot;.</source>
        <translation>有用户缺少“name”。</translation>
    </message>
    <message>
        <source>--%1 must be a date such as 2018-01-02, not &quot;%2&quot;.</source>
        <translation>--%1 须为日期，例如 2018-01-02，而不是“%2”。</translation>
    </message>
    <message>
        <source>rules needs a WORKSPACE and list, export, import FILE or dry-run.</source>
        <translation>rules 需要指定工作区（WORKSPACE）以及 list、export、import 文件（FILE）或 dry-run。</translation>
    </message>
    <message numerus="yes">
        <source>%n dispatch rule(s) in force.</source>
        <translation>
            <numerusform>%n 条派遣规则已生效。</numerusform>
        </translation>
    </message>
    <message>
        <source>on</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>off</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>setup needs a WORKSPACE and export or import FILE.</source>
        <translation>setup 需要指定工作区（WORKSPACE）以及 export 或 import 文件（FILE）。</translation>
    </message>
    <message>
        <source>calendar needs a WORKSPACE and export or import FILE.csv.</source>
        <translation>calendar 需要指定工作区（WORKSPACE）以及 export 或 import 文件（FILE.csv）。</translation>
    </message>
    <message>
        <source>--year must be a year such as 2026.</source>
        <translation>--year 须为年份，例如 2026。</translation>
    </message>
    <message>
        <source>Case %1 (%2 %3): %4, version %5</source>
        <translation>案件 %1（%2 %3）：%4，版本 %5</translation>
    </message>
    <message>
        <source>  %1 due %2 (%3)</source>
        <translation>  %1 截止于 %2（%3）</translation>
    </message>
    <message>
        <source>say who acts with --as USER (users of this workspace: %1).</source>
        <translation>请用 --as 用户（USER）指明操作人（本工作区的用户：%1）。</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>--into must be a case id.</source>
        <translation>--into 须为案件编号。</translation>
    </message>
    <message>
        <source>--at must be a time such as 2026-12-04T09:30:00.</source>
        <translation>--at 须为时间，例如 2026-12-04T09:30:00。</translation>
    </message>
    <message>
        <source>report needs --category.</source>
        <translation>report 需要 --category。</translation>
    </message>
    <message>
        <source>give both --lon and --lat, or neither.</source>
        <translation>--lon 和 --lat 须同时给出，或都不给出。</translation>
    </message>
    <message>
        <source>--lon and --lat must be WGS84 degrees.</source>
        <translation>--lon 和 --lat 须为 WGS84 经纬度（单位为度）。</translation>
    </message>
    <message>
        <source>no dispatch rule or category default proposes a unit; name one with --unit.</source>
        <translation>没有派遣规则或类别默认单位可供建议；请用 --unit 指定单位。</translation>
    </message>
    <message>
        <source>report needs a WORKSPACE.</source>
        <translation>report 需要指定工作区（WORKSPACE）。</translation>
    </message>
    <message>
        <source>Case %1 reported in grid %2.</source>
        <translation>案件 %1 已上报，所在网格：%2。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>case needs a WORKSPACE and a case ID.</source>
        <translation>case 需要指定工作区（WORKSPACE）和案件编号（ID）。</translation>
    </message>
    <message>
        <source>act needs a WORKSPACE, a case ID and an ACTION.</source>
        <translation>act 需要指定工作区（WORKSPACE）、案件编号（ID）和动作（ACTION）。</translation>
    </message>
    <message>
        <source>unknown action &quot;%1&quot;; use one of %2.</source>
        <translation>未知动作“%1”；请使用以下之一：%2。</translation>
    </message>
    <message>
        <source>--based-on must be a case version (a number).</source>
        <translation>--based-on 须为案件版本（一个数字）。</translation>
    </message>
    <message>
        <source>attach needs --file PATH.</source>
        <translation>attach 需要 --file 路径（PATH）。</translation>
    </message>
    <message>
        <source>Case %1: %2 by %3, %4 → %5 (version %6).</source>
        <translation>案件 %1：%3 执行了“%2”，%4 → %5（版本 %6）。</translation>
    </message>
    <message>
        <source>deadlines needs a WORKSPACE.</source>
        <translation>deadlines 需要指定工作区（WORKSPACE）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be %2.</source>
        <translation>“%1”须为%2。</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>a list of numbers</source>
        <translation>数字列表</translation>
    </message>
    <message>
        <source>supervise, escalate or none</source>
        <translation>supervise、escalate 或 none</translation>
    </message>
    <message>
        <source>days 1 (Monday) to 7 (Sunday)</source>
        <translation>1（星期一）到 7（星期日）之间的日子</translation>
    </message>
    <message>
        <source>unknown section &quot;%1&quot;; a setup has %2.</source>
        <translation>未知部分“%1”；设置包含的部分为：%2。</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>a list of rules</source>
        <translation>规则列表</translation>
    </message>
    <message>
        <source>--from comes after --to.</source>
        <translation>--from 晚于 --to。</translation>
    </message>
    <message>
        <source>%1 is not a user of this workspace; an administrator adds users with setup import or in the workstation&apos;s Run as dialog.</source>
        <translation>%1 不是本工作区的用户；管理员可通过 setup import 或工作台的“切换用户”对话框添加用户。</translation>
    </message>
    <message>
        <source>%1 acts as %2, not as &quot;%3&quot;.</source>
        <translation>%1 的角色是%2，而不是“%3”。</translation>
    </message>
    <message>
        <source>there is no category &quot;%1&quot; in this workspace; setup export lists them.</source>
        <translation>本工作区中没有类别“%1”；可用 setup export 列出所有类别。</translation>
    </message>
    <message>
        <source>--at must be a time such as 2026-12-04T09:30:00, not &quot;%1&quot;.</source>
        <translation>--at 须为时间，例如 2026-12-04T09:30:00，而不是“%1”。</translation>
    </message>
    <message numerus="yes">
        <source>Deadlines of %n case(s) recomputed.</source>
        <translation>
            <numerusform>已重新计算 %n 件案件的办理期限。</numerusform>
        </translation>
    </message>
    <message>
        <source>Org units: %1. Users: %2. Categories: %3. Dispatch rules: %4.</source>
        <translation>组织单位：%1。用户：%2。类别：%3。派遣规则：%4。</translation>
    </message>
    <message numerus="yes">
        <source>%n calendar day(s) read.</source>
        <translation>
            <numerusform>读取了 %n 个日历日。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) running late or overdue.</source>
        <translation>
            <numerusform>%n 件案件已预警或超期。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) taken by the deadline rules.</source>
        <translation>
            <numerusform>期限规则执行了 %n 项操作。</numerusform>
        </translation>
    </message>
    <message>
        <source>there is no case %1, as a number of this workspace or an id of a source.</source>
        <translation>没有案件 %1：它既不是本工作区的案件编号，也不是来源系统的编号。</translation>
    </message>
    <message>
        <source>%1 is the source id of cases %2; name one by its number.</source>
        <translation>%1 是案件 %2 的来源编号；请用案件编号指定其中一件。</translation>
    </message>
    <message>
        <source>an escalated case is dispatched by the unit that took it over; name the unit with --unit.</source>
        <translation>已升级的案件由接手单位派遣；请用 --unit 指定单位。</translation>
    </message>
    <message numerus="yes">
        <source>The deadline rules would act on %n of them now (--apply does).</source>
        <translation>
            <numerusform>期限规则现在会处理其中 %n 件（加 --apply 即执行）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message numerus="yes">
        <source>  into the draft: %n grid(s) added or changed</source>
        <translation>
            <numerusform>  已纳入草稿：新增或修改了 %n 个网格</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s) around them</source>
        <translation>
            <numerusform>其周边有 %n 个拓扑问题</numerusform>
        </translation>
    </message>
    <message>
        <source>publish the draft to make them an edition.</source>
        <translation>发布草稿后即纳入新的网格版本。</translation>
    </message>
    <message>
        <source>CRS to export in (default EPSG:4326).</source>
        <translation>导出使用的坐标系（默认为 EPSG:4326）。</translation>
    </message>
    <message>
        <source>Replace an existing output file.</source>
        <translation>覆盖已存在的输出文件。</translation>
    </message>
    <message>
        <source>How many fine grids to cut.</source>
        <translation>要细分出的精细化网格数量。</translation>
    </message>
    <message>
        <source>Area of each fine grid, in square metres.</source>
        <translation>每个精细化网格的面积（平方米）。</translation>
    </message>
    <message>
        <source>What a grid edition changes.</source>
        <translation>本次网格版本的变更说明。</translation>
    </message>
    <message>
        <source>export-grids needs a WORKSPACE and an OUT file.</source>
        <translation>export-grids 需要指定工作区（WORKSPACE）和输出文件（OUT）。</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <source>%1 is the workspace itself; give another file to export to.</source>
        <translation>%1 就是工作区本身；请另外指定一个导出文件。</translation>
    </message>
    <message>
        <source>%1 has no grids to export.</source>
        <translation>%1 中没有可导出的网格。</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n grid(s) written as %2, CRS %3, text in %4</source>
        <extracomment>%1 is a file, %2 a format such as GeoPackage, %3 a coordinate system, %4 UTF-8 or GBK</extracomment>
        <translation>
            <numerusform>%1：已写入 %n 个网格，格式 %2，坐标系 %3，文字编码 %4</numerusform>
        </translation>
    </message>
    <message>
        <source>validate needs a WORKSPACE.</source>
        <translation>validate 需要指定工作区（WORKSPACE）。</translation>
    </message>
    <message>
        <source> (accepted: %1)</source>
        <translation> （已接受：%1）</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s) to fix</source>
        <translation>
            <numerusform>%n 个问题待处理</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n accepted</source>
        <translation>
            <numerusform>%n 个已接受</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n grid(s) checked</source>
        <translation>
            <numerusform>共检查 %n 个网格</numerusform>
        </translation>
    </message>
    <message>
        <source>subdivide needs a WORKSPACE and a grid CODE.</source>
        <translation>subdivide 需要指定工作区（WORKSPACE）和网格编码（CODE）。</translation>
    </message>
    <message>
        <source>subdivide needs either --parts N or --target-area M2.</source>
        <translation>subdivide 需要指定 --parts 数量（N）或 --target-area 面积（M2），二者选一。</translation>
    </message>
    <message>
        <source>--parts must be a whole number from 2 to 10000.</source>
        <translation>--parts 须为 2 到 10000 之间的整数。</translation>
    </message>
    <message>
        <source>--target-area must be an area in square metres of at least 1.</source>
        <translation>--target-area 须为不小于 1 的面积（单位：平方米）。</translation>
    </message>
    <message numerus="yes">
        <source>%1 already has %n fine grid(s) (%2); merge or delete them first.</source>
        <translation>
            <numerusform>%1 已有 %n 个精细化网格（%2）；请先将其合并或删除。</numerusform>
        </translation>
    </message>
    <message>
        <source>Subdivide %1</source>
        <translation>细分 %1</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n fine grid(s) drafted, %2 to %3 m² each; publish the draft to make them an edition.</source>
        <translation>
            <numerusform>%1：已在草稿中生成 %n 个精细化网格，每个 %2 至 %3 平方米；发布草稿后即纳入新的网格版本。</numerusform>
        </translation>
    </message>
    <message>
        <source>publish needs a WORKSPACE.</source>
        <translation>publish 需要指定工作区（WORKSPACE）。</translation>
    </message>
    <message>
        <source>say what the edition changes with --note TEXT.</source>
        <translation>请用 --note 说明（TEXT）写明本版本的变更内容。</translation>
    </message>
    <message numerus="yes">
        <source>edition %1 published: %n grid(s) changed</source>
        <translation>
            <numerusform>第 %1 版已发布：变更了 %n 个网格</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open case(s) re-homed</source>
        <translation>
            <numerusform>%n 件未办结案件已改划网格</numerusform>
        </translation>
    </message>
    <message>
        <source>editions needs a WORKSPACE.</source>
        <translation>editions 需要指定工作区（WORKSPACE）。</translation>
    </message>
    <message numerus="yes">
        <source>%n grid(s)</source>
        <translation>
            <numerusform>%n 个网格</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>draft: %n grid(s) changed</source>
        <translation>
            <numerusform>草稿：已变更 %n 个网格</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 has no grids of this level (%2) to export.</source>
        <translation>%1 中没有该层级（%2）的网格可导出。</translation>
    </message>
    <message>
        <source>%1 is empty: it is not a workspace (yet). Import grids into it first.</source>
        <translation>%1 是空文件，还不是工作区。请先向其中导入网格。</translation>
    </message>
    <message>
        <source>grid editions are published by a supervisor or a leader of this workspace, and it has none yet; add one with setup import.</source>
        <translation>网格版本须由本工作区的监督员或领导发布，而本工作区还没有这样的用户；请用 setup import 添加。</translation>
    </message>
    <message>
        <source>grid editions are published by a supervisor or a leader of this workspace; name one with --as: %1.</source>
        <translation>网格版本须由本工作区的监督员或领导发布；请用 --as 指定其中一人：%1。</translation>
    </message>
    <message>
        <source>%1 is not a base grid (it is a grid of this level: %2); fine grids are cut from base grids.</source>
        <translation>%1 不是基础网格（它的层级是：%2）；精细化网格只能由基础网格细分而来。</translation>
    </message>
    <message>
        <source>%1: %2 added, %3 updated, %4 refused</source>
        <translation>%1：新增 %2，更新 %3，拒绝 %4</translation>
    </message>
    <message>
        <source>  line %1: %2</source>
        <translation>  第 %1 行：%2</translation>
    </message>
    <message>
        <source>import-org needs a WORKSPACE and a FILE.</source>
        <translation>import-org 需要指定工作区和文件。</translation>
    </message>
    <message>
        <source>org needs a WORKSPACE.</source>
        <translation>org 需要指定工作区。</translation>
    </message>
    <message>
        <source>, retired</source>
        <translation>，已撤销</translation>
    </message>
    <message>
        <source>org-check needs a WORKSPACE.</source>
        <translation>org-check 需要指定工作区。</translation>
    </message>
    <message>
        <source>What an org file holds: divisions, csv or boundaries.</source>
        <translation>组织文件的类型：divisions、csv 或 boundaries。</translation>
    </message>
    <message>
        <source>Division code of the subtree to import, or the unit boundaries sit under.</source>
        <translation>要导入的子树的区划代码，或边界文件中单位所属的上级单位。</translation>
    </message>
    <message>
        <source>Name of the root unit when it is made.</source>
        <translation>新建根单位时的名称。</translation>
    </message>
    <message>
        <source>Tier of the units a boundary file makes, 1 to 6.</source>
        <translation>边界文件所建单位的层级，1 到 6。</translation>
    </message>
    <message>
        <source>The unit to move under (blank: the top).</source>
        <translation>要移到其下的单位（留空：顶层）。</translation>
    </message>
    <message>
        <source>Export the people.</source>
        <translation>导出人员。</translation>
    </message>
    <message>
        <source>Export the units.</source>
        <translation>导出单位。</translation>
    </message>
    <message>
        <source>The personal number to reveal: phone or id_number.</source>
        <translation>要查看的个人号码：phone 或 id_number。</translation>
    </message>
    <message>
        <source>  feature %1: %2</source>
        <translation>  要素 %1：%2</translation>
    </message>
    <message>
        <source>--format boundaries needs --code-field and --tier (1 to 6).</source>
        <translation>--format boundaries 需要 --code-field 和 --tier（1 到 6）。</translation>
    </message>
    <message>
        <source>--tier must be a number from 1 to 6.</source>
        <translation>--tier 须为 1 到 6 之间的数字。</translation>
    </message>
    <message>
        <source>give the parent with --parent-field or --root-code, not both.</source>
        <translation>上级单位请用 --parent-field 或 --root-code 给出，不能同时使用。</translation>
    </message>
    <message>
        <source>City supervision centre</source>
        <extracomment>The top unit made for a boundary import; %1 is the city&apos;s name</extracomment>
        <translation>市级监督指挥中心</translation>
    </message>
    <message>
        <source>%1 supervision centre</source>
        <translation>%1监督指挥中心</translation>
    </message>
    <message numerus="yes">
        <source>  %n grid code(s) in the units&apos; jurisdictions are not grids of this workspace (yet); import the file as grids with the same code field.</source>
        <translation>
            <numerusform>  单位辖区中有 %n 个网格代码（尚）不是本工作区的网格；请用相同的代码字段把该文件作为网格导入。</numerusform>
        </translation>
    </message>
    <message>
        <source>import-org needs --format divisions, csv or boundaries.</source>
        <translation>import-org 需要 --format divisions、csv 或 boundaries。</translation>
    </message>
    <message>
        <source>--root-code applies to --format divisions and boundaries only.</source>
        <translation>--root-code 仅适用于 --format divisions 和 boundaries。</translation>
    </message>
    <message>
        <source>--%1 applies to --format boundaries only.</source>
        <translation>--%1 仅适用于 --format boundaries。</translation>
    </message>
    <message>
        <source>say who makes the change with --as USER.</source>
        <translation>请用 --as 用户 说明由谁做此修改。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>org-move needs a WORKSPACE, a unit CODE and --parent CODE (blank: to the top).</source>
        <translation>org-move 需要工作区、单位代码和 --parent 代码（留空：移到顶层）。</translation>
    </message>
    <message>
        <source>%1 now sits at the top.</source>
        <translation>%1 现位于顶层。</translation>
    </message>
    <message>
        <source>%1 now sits under %2.</source>
        <translation>%1 现位于 %2 之下。</translation>
    </message>
    <message>
        <source>org-merge needs a WORKSPACE, the unit CODE to retire and --into CODE.</source>
        <translation>org-merge 需要工作区、要撤销的单位代码和 --into 代码。</translation>
    </message>
    <message>
        <source>%1 is merged into %2 and retired.</source>
        <translation>%1 已并入 %2 并撤销。</translation>
    </message>
    <message>
        <source>org-retire needs a WORKSPACE and a unit CODE.</source>
        <translation>org-retire 需要工作区和单位代码。</translation>
    </message>
    <message>
        <source>%1 is retired.</source>
        <translation>%1 已撤销。</translation>
    </message>
    <message>
        <source>org-export needs a WORKSPACE, an OUT.csv and --people or --units.</source>
        <translation>org-export 需要工作区、输出 CSV 文件，以及 --people 或 --units。</translation>
    </message>
    <message>
        <source>%1 exists; add --overwrite to replace it.</source>
        <translation>%1 已存在；如要替换请加 --overwrite。</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n person(s), phone and ID numbers masked</source>
        <translation>
            <numerusform>%1：%n 人，电话和身份证号已遮盖</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n unit(s)</source>
        <translation>
            <numerusform>%1：%n 个单位</numerusform>
        </translation>
    </message>
    <message>
        <source>org-history needs a WORKSPACE and, if you like, a CODE.</source>
        <translation>org-history 需要工作区，可另加单位代码。</translation>
    </message>
    <message>
        <source>The chart has no unit %1.</source>
        <translation>组织架构中没有单位 %1。</translation>
    </message>
    <message>
        <source>%1  %2  %3  %4  %5</source>
        <extracomment>One line of the org chart&apos;s history: time, who, action, unit, what changed</extracomment>
        <translation>%1  %2  %3  %4  %5</translation>
    </message>
    <message>
        <source>reveal needs a WORKSPACE and a PERSON_ID (a number).</source>
        <translation>reveal 需要工作区和人员编号（数字）。</translation>
    </message>
    <message>
        <source>reveal needs --field phone or --field id_number.</source>
        <translation>reveal 需要 --field phone 或 --field id_number。</translation>
    </message>
    <message>
        <source>reveal needs --reason TEXT and --as USER, a local user of the workspace.</source>
        <translation>reveal 需要 --reason 理由 和 --as 用户（本工作区的本地用户）。</translation>
    </message>
    <message>
        <source>%1 is not a local user of this workspace.</source>
        <translation>%1 不是本工作区的本地用户。</translation>
    </message>
    <message>
        <source>The chart has no person %1.</source>
        <translation>组织架构中没有人员 %1。</translation>
    </message>
    <message>
        <source>A standard&apos;s number, such as GB/T 34300-2017.</source>
        <translation>标准编号，如 GB/T 34300-2017。</translation>
    </message>
    <message>
        <source>A standard&apos;s title.</source>
        <translation>标准名称。</translation>
    </message>
    <message>
        <source>A standard&apos;s status.</source>
        <translation>标准状态。</translation>
    </message>
    <message>
        <source>Publication date, YYYY-MM-DD.</source>
        <translation>发布日期，格式 YYYY-MM-DD。</translation>
    </message>
    <message>
        <source>Implementation date, YYYY-MM-DD.</source>
        <translation>实施日期，格式 YYYY-MM-DD。</translation>
    </message>
    <message>
        <source>A category&apos;s Chinese title.</source>
        <translation>类别的中文名称。</translation>
    </message>
    <message>
        <source>A category&apos;s English title.</source>
        <translation>类别的英文名称。</translation>
    </message>
    <message>
        <source>A category&apos;s Chinese summary.</source>
        <translation>类别的中文摘要。</translation>
    </message>
    <message>
        <source>A category&apos;s English summary.</source>
        <translation>类别的英文摘要。</translation>
    </message>
    <message>
        <source>Export the standard detail list.</source>
        <translation>导出标准明细表。</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message numerus="yes">
        <source>[%n standard(s)]</source>
        <translation>
            <numerusform>[%n 项标准]</numerusform>
        </translation>
    </message>
    <message>
        <source>implemented by: %1</source>
        <translation>实现于：%1</translation>
    </message>
    <message>
        <source>Sub-systems:</source>
        <translation>分体系：</translation>
    </message>
    <message>
        <source>%1 %2: %3 categories, %4 standards, %5 without a standard, %6 implemented in GridDesk</source>
        <translation>%1 %2：%3 个类别，%4 项标准，%5 个无标准，%6 个已在 GridDesk 中实现</translation>
    </message>
    <message>
        <source>Coverage: %1 categories, %2 without a standard attached.</source>
        <translation>覆盖：%1 个类别，其中 %2 个未挂接标准。</translation>
    </message>
    <message>
        <source>Implemented by no part of GridDesk (%1): %2</source>
        <translation>GridDesk 中尚无实现（%1）：%2</translation>
    </message>
    <message>
        <source>standards needs a WORKSPACE.</source>
        <translation>standards 需要指定工作区。</translation>
    </message>
    <message>
        <source>standards-export needs a WORKSPACE and an OUT.csv or OUT.pdf.</source>
        <translation>standards-export 需要工作区和输出的 CSV 或 PDF 文件。</translation>
    </message>
    <message>
        <source>standards-export writes .csv or .pdf files.</source>
        <translation>standards-export 只写 .csv 或 .pdf 文件。</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%1: the detail list of %n standard(s)</source>
        <translation>
            <numerusform>%1：含 %n 项标准的明细表</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: the system table of %n categories</source>
        <translation>
            <numerusform>%1：含 %n 个类别的体系表</numerusform>
        </translation>
    </message>
    <message>
        <source>standards-attach needs a WORKSPACE and a CODE.</source>
        <translation>standards-attach 需要工作区和类别代码。</translation>
    </message>
    <message>
        <source>standards-attach needs --%1.</source>
        <translation>standards-attach 需要 --%1。</translation>
    </message>
    <message>
        <source>say who attaches the standard with --as USER.</source>
        <translation>请用 --as 用户 说明由谁挂接标准。</translation>
    </message>
    <message>
        <source>unknown status &quot;%1&quot;; use one of %2.</source>
        <translation>未知状态“%1”；请使用 %2 之一。</translation>
    </message>
    <message>
        <source>dates are written YYYY-MM-DD, such as 2017-09-07.</source>
        <translation>日期格式为 YYYY-MM-DD，如 2017-09-07。</translation>
    </message>
    <message>
        <source>Attached %1 to %2 as #%3.</source>
        <translation>已将 %1 挂接到 %2，编号 #%3。</translation>
    </message>
    <message>
        <source>standards-detach needs a WORKSPACE and an ID.</source>
        <translation>standards-detach 需要工作区和编号。</translation>
    </message>
    <message>
        <source>say who detaches the standard with --as USER.</source>
        <translation>请用 --as 用户 说明由谁摘除标准。</translation>
    </message>
    <message>
        <source>Detached #%1.</source>
        <translation>已摘除 #%1。</translation>
    </message>
    <message>
        <source>standards-add needs a WORKSPACE and a PARENT_CODE.</source>
        <translation>standards-add 需要工作区和上级代码。</translation>
    </message>
    <message>
        <source>standards-add needs --title-zh and --title-en.</source>
        <translation>standards-add 需要 --title-zh 和 --title-en。</translation>
    </message>
    <message>
        <source>standards-remove needs a WORKSPACE and a CODE.</source>
        <translation>standards-remove 需要工作区和代码。</translation>
    </message>
    <message>
        <source>standards-move needs a WORKSPACE, a CODE and --parent CODE.</source>
        <translation>standards-move 需要工作区、代码和 --parent 代码。</translation>
    </message>
    <message>
        <source>standards-renumber needs a WORKSPACE, a CODE and the NEW_CODE.</source>
        <translation>standards-renumber 需要工作区、代码和新代码。</translation>
    </message>
    <message>
        <source>standards-history needs a WORKSPACE and maybe a CODE.</source>
        <translation>standards-history 需要工作区，可另加代码。</translation>
    </message>
    <message>
        <source>The standards tree has no category %1.</source>
        <translation>标准体系中没有类别 %1。</translation>
    </message>
    <message>
        <source>--person must be the id of a person of the org chart (see org-export --people).</source>
        <translation>--person 须为组织架构中人员的编号（见 org-export --people）。</translation>
    </message>
    <message>
        <source>Only outbox commands in this state.</source>
        <translation>只列出处于该状态的待发命令。</translation>
    </message>
    <message>
        <source>The sync server, https://HOST:PORT.</source>
        <translation>同步服务器，https://主机:端口。</translation>
    </message>
    <message>
        <source>The account on the sync server.</source>
        <translation>同步服务器上的账户。</translation>
    </message>
    <message>
        <source>A file whose first line is the password.</source>
        <translation>首行为密码的文件。</translation>
    </message>
    <message>
        <source>The city&apos;s CA certificate (PEM) to trust besides the system&apos;s.</source>
        <translation>除系统证书外另行信任的城市 CA 证书（PEM）。</translation>
    </message>
    <message>
        <source>say who settles the command with --as USER.</source>
        <translation>请用 --as 用户 说明由谁处理该命令。</translation>
    </message>
    <message>
        <source>%1 is not a user of this workspace.</source>
        <translation>%1 不是本工作区的用户。</translation>
    </message>
    <message>
        <source>Command %1 was made by %2; only they, a supervisor or a leader settle it.</source>
        <translation>命令 %1 由 %2 发出；只有本人、监督员或领导可以处理。</translation>
    </message>
    <message>
        <source>%1 needs a WORKSPACE and the number of a command in its outbox.</source>
        <translation>%1 需要工作区和其待发箱中某条命令的编号。</translation>
    </message>
    <message>
        <source>sync needs a WORKSPACE.</source>
        <translation>sync 需要一个工作区。</translation>
    </message>
    <message>
        <source>sync needs --server https://HOST:PORT and --user USER.</source>
        <translation>sync 需要 --server https://主机:端口 和 --user 用户。</translation>
    </message>
    <message>
        <source>--server must be https://HOST:PORT, not &quot;%1&quot;; GridDesk syncs over HTTPS only.</source>
        <translation>--server 须为 https://主机:端口，而不是“%1”；GridDesk 只通过 HTTPS 同步。</translation>
    </message>
    <message>
        <source>%1 syncs with %2; its cases and cursor belong to that server, not to %3.</source>
        <translation>%1 与 %2 同步；其案件和读取位置属于该服务器，而不属于 %3。</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>%1 的密码： </translation>
    </message>
    <message>
        <source>Sent %1 command(s) to %2: %3 applied, %4 rejected.</source>
        <translation>已向 %2 发送 %1 条命令：%3 条已执行，%4 条被拒绝。</translation>
    </message>
    <message>
        <source>rejected %1 (%2): %3</source>
        <translation>被拒绝 %1（%2）：%3</translation>
    </message>
    <message>
        <source>Received %1 new and %2 changed case(s); %3 event(s) of this desk set aside for the server&apos;s.</source>
        <translation>收到 %1 个新案件和 %2 个有变化的案件；本席位的 %3 个事件已被搁置，以服务器的为准。</translation>
    </message>
    <message>
        <source>outbox needs a WORKSPACE.</source>
        <translation>outbox 需要一个工作区。</translation>
    </message>
    <message>
        <source>--state is one of queued, sent, applied, rejected, discarded, redone.</source>
        <translation>--state 须为 queued、sent、applied、rejected、discarded、redone 之一。</translation>
    </message>
    <message>
        <source>Command %1 discarded.</source>
        <translation>命令 %1 已放弃。</translation>
    </message>
    <message>
        <source>Command %1 made again on case %2 at version %3; it waits for the next sync.</source>
        <translation>命令 %1 已在案件 %2 上重做（版本 %3），等待下次同步。</translation>
    </message>
    <message>
        <source>%1 syncs with %2, whose server runs the deadline rules for every desk; they are not applied here.</source>
        <translation>%1 与 %2 同步，由该服务器为所有席位执行时限规则；此处不执行。</translation>
    </message>
    <message>
        <source>What an evaluation report groups cases by.</source>
        <translation>评价报告对案件的分组方式。</translation>
    </message>
    <message>
        <source>Write the evaluation report as CSV to this file.</source>
        <translation>将评价报告以 CSV 写入此文件。</translation>
    </message>
    <message>
        <source>Write the evaluation report as PDF to this file.</source>
        <translation>将评价报告以 PDF 写入此文件。</translation>
    </message>
    <message>
        <source>An evaluation weight, INDICATOR=WEIGHT; repeat for several.</source>
        <translation>评价权重，格式为 指标=权重；可重复给出多个。</translation>
    </message>
    <message>
        <source>Cases a unit needs to be ranked.</source>
        <translation>单位参与排名所需的案件数。</translation>
    </message>
    <message>
        <source>unknown grouping &quot;%1&quot; for --by; use one of %2 (periods go with --period %3).</source>
        <translation>--by 的分组“%1”未知；请使用 %2 之一（周期请用 --period %3）。</translation>
    </message>
    <message>
        <source>unknown period &quot;%1&quot; for --period; use one of %2.</source>
        <translation>--period 的周期“%1”未知；请使用 %2 之一。</translation>
    </message>
    <message numerus="yes">
        <source>%1: mean %2 h, median %3 h over %n stage(s)</source>
        <translation>
            <numerusform>%1：平均 %2 小时，中位数 %3 小时，共 %n 个环节</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 %2 (%n case(s))</source>
        <translation>
            <numerusform>%1 %2（%n 个案件）</numerusform>
        </translation>
    </message>
    <message>
        <source>Jurisdiction: %1</source>
        <translation>管辖范围：%1</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>全部案件</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Unit ranking (rank, score, unit):</source>
        <translation>单位排名（名次、得分、单位）：</translation>
    </message>
    <message>
        <source>Not ranked (fewer than %1 cases or nothing to score):</source>
        <translation>未排名（案件少于 %1 个或无可计分指标）：</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>说明：%1</translation>
    </message>
    <message>
        <source>choose one of --json, --csv and --pdf.</source>
        <translation>请在 --json、--csv 和 --pdf 中选择一个。</translation>
    </message>
    <message>
        <source>%1 cannot be written: the folder %2 does not exist or is not writable.</source>
        <translation>无法写入 %1：文件夹 %2 不存在或不可写。</translation>
    </message>
    <message>
        <source>evaluation needs a WORKSPACE.</source>
        <translation>evaluation 需要一个工作区。</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n case(s); %2</source>
        <translation>
            <numerusform>%1：%n 个案件；%2</numerusform>
        </translation>
    </message>
    <message>
        <source>evaluation-weights needs a WORKSPACE.</source>
        <translation>evaluation-weights 需要一个工作区。</translation>
    </message>
    <message>
        <source>--set needs INDICATOR=WEIGHT, such as closure_rate=30, not &quot;%1&quot;.</source>
        <translation>--set 需要 指标=权重 的形式，例如 closure_rate=30，而不是“%1”。</translation>
    </message>
    <message>
        <source>--minimum-cases must be a whole number of at least 1, not &quot;%1&quot;.</source>
        <translation>--minimum-cases 必须是不小于 1 的整数，而不是“%1”。</translation>
    </message>
    <message>
        <source>%1 (%2, clause %3): %4</source>
        <translation>%1（%2，条款 %3）：%4</translation>
    </message>
    <message numerus="yes">
        <source>Units are ranked from %n case(s).</source>
        <translation>
            <numerusform>单位有 %n 个案件起参与排名。</numerusform>
        </translation>
    </message>
    <message>
        <source>the draft is queued for %1 (command %2), which publishes it once its topology checks pass; run sync to send it.</source>
        <translation>草稿已排队等待发往 %1（命令 %2），服务器在拓扑检查通过后发布；请运行 sync 发送。</translation>
    </message>
    <message numerus="yes">
        <source>Took in %n grid edition(s) published on the server.</source>
        <translation>
            <numerusform>已接收服务器上发布的 %n 个网格版本。</numerusform>
        </translation>
    </message>
    <message>
        <source>report records a new case; the evaluation report is &quot;griddesk-cli evaluation WORKSPACE&quot;.</source>
        <translation>report 用于上报新案件；评价报告请用“griddesk-cli evaluation 工作区”。</translation>
    </message>
    <message numerus="yes">
        <source>Fetched the files of %n attachment(s).</source>
        <translation>
            <numerusform>已取回 %n 个附件的文件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Who handles a dispatched case, or who checked a case on site: a person id of the org chart. For patrols: who patrolled, or whom a patrol plan names, by name (a user or a person of the org chart).</source>
        <translation>处置已派遣案件或现场核查案件的人：组织架构中的人员编号。用于巡查时：巡查人，或巡查计划指定的人，按姓名（工作区用户或组织架构中的人员）。</translation>
    </message>
    <message>
        <source>How far a patroller sees to each side of the track, in metres (default 30).</source>
        <translation>巡查人在轨迹两侧可见的距离，单位为米（默认 30）。</translation>
    </message>
    <message>
        <source>What a patrol plan has checked.</source>
        <translation>巡查计划要检查的内容。</translation>
    </message>
    <message>
        <source>Patrols a plan asks for in each period.</source>
        <translation>巡查计划每个周期要求的巡查次数。</translation>
    </message>
    <message>
        <source>The period of a patrol plan: day, week or month.</source>
        <translation>巡查计划的周期：day（日）、week（周）或 month（月）。</translation>
    </message>
    <message>
        <source>The post whose holders a patrol plan names.</source>
        <translation>巡查计划指定的岗位（由该岗位人员巡查）。</translation>
    </message>
    <message>
        <source>The share of the grid (0 to 1) a patrol must see to count for a plan.</source>
        <translation>一次巡查须覆盖网格的比例（0 至 1），才计入巡查计划。</translation>
    </message>
    <message>
        <source>Group an evaluation report per day, week, month or quarter.</source>
        <translation>评价报告按日、周、月或季度分组。</translation>
    </message>
    <message>
        <source>Report on the last whole week, month or quarter (a periodic report).</source>
        <translation>报告上一个完整的周、月或季度（定期报告）。</translation>
    </message>
    <message>
        <source>With --last: the day the periodic report is made on (default today).</source>
        <translation>与 --last 一起使用：制作定期报告的日期（默认今天）。</translation>
    </message>
    <message>
        <source>The kind of register entries.</source>
        <translation>台账条目的类别。</translation>
    </message>
    <message>
        <source>A JSON file mapping source fields to register fields.</source>
        <translation>将源字段映射到台账字段的 JSON 文件。</translation>
    </message>
    <message>
        <source>Report what an import would do, write nothing.</source>
        <translation>只报告导入将做什么，不写入任何内容。</translation>
    </message>
    <message>
        <source>Import the rest when features are refused.</source>
        <translation>有要素被拒绝时，仍导入其余要素。</translation>
    </message>
    <message>
        <source>Only the register entry with this code.</source>
        <translation>只显示此编码的台账条目。</translation>
    </message>
    <message>
        <source>Count register entries per kind.</source>
        <translation>按类别统计台账条目数。</translation>
    </message>
    <message>
        <source>Register entries near this point, nearest first.</source>
        <translation>此点附近的台账条目，由近及远。</translation>
    </message>
    <message>
        <source>How near, in metres (default 50).</source>
        <translation>附近的范围，单位为米（默认 50）。</translation>
    </message>
    <message>
        <source>Show personal data unmasked; the reveal is recorded.</source>
        <translation>显示未脱敏的个人信息；查看将被记录。</translation>
    </message>
    <message>
        <source>The type of a register field.</source>
        <translation>台账字段的类型。</translation>
    </message>
    <message>
        <source>The class of personal data a register field holds.</source>
        <translation>台账字段所含个人信息的类别。</translation>
    </message>
    <message>
        <source>Entries with the same value in this field are duplicates.</source>
        <translation>此字段值相同的条目视为重复。</translation>
    </message>
    <message>
        <source>--last takes the place of --from and --to; give one or the other.</source>
        <translation>--last 代替 --from 和 --to；二者只能给出其一。</translation>
    </message>
    <message>
        <source>unknown period &quot;%1&quot; for --last; use one of %2.</source>
        <translation>--last 的周期“%1”未知；请使用 %2 之一。</translation>
    </message>
    <message>
        <source>--on goes with --last.</source>
        <translation>--on 须与 --last 一起使用。</translation>
    </message>
    <message>
        <source>{period} in %1 names the period of --last; add --last.</source>
        <translation>%1 中的 {period} 指 --last 的周期；请加上 --last。</translation>
    </message>
    <message>
        <source>The chart goes to the server with the next sync.</source>
        <translation>组织架构将在下次同步时发往服务器。</translation>
    </message>
    <message>
        <source>grid %1: %2 seen (%3 of %4 m²)</source>
        <translation>网格 %1：巡查覆盖 %2（%4 平方米中的 %3 平方米）</translation>
    </message>
    <message numerus="yes">
        <source>Patrol track %1 by %2 (%3): %n fix(es) from %4 to %5, %6 m, seeing %7 m to each side</source>
        <translation>
            <numerusform>巡查轨迹 %1，巡查人 %2（%3）：%n 个定位点，自 %4 至 %5，长 %6 米，两侧可见 %7 米</numerusform>
        </translation>
    </message>
    <message>
        <source>not judged: the period holds no whole %1</source>
        <translation>未评判：期间内没有完整的%1</translation>
    </message>
    <message numerus="yes">
        <source>met in all %n period(s)</source>
        <translation>
            <numerusform>全部 %n 个周期均已达标</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>NOT met: %1 of %n period(s) had enough patrols</source>
        <translation>
            <numerusform>未达标：%n 个周期中只有 %1 个巡查次数足够</numerusform>
        </translation>
    </message>
    <message>
        <source>No patrol track matches.</source>
        <translation>没有符合条件的巡查轨迹。</translation>
    </message>
    <message>
        <source>case %1 found: reported by %2 at %3, %4 m from the path</source>
        <translation>发现案件 %1：由 %2 于 %3 上报，距轨迹 %4 米</translation>
    </message>
    <message>
        <source>Patrol plans from %1 to %2:</source>
        <translation>%1 至 %2 的巡查计划：</translation>
    </message>
    <message>
        <source>%1. grid %2, %3 (%4): %5</source>
        <translation>%1. 网格 %2，%3（%4）：%5</translation>
    </message>
    <message>
        <source>--from %1 lies after --to %2.</source>
        <translation>--from %1 晚于 --to %2。</translation>
    </message>
    <message>
        <source>--times takes a whole number, not &quot;%1&quot;.</source>
        <translation>--times 须为整数，而不是“%1”。</translation>
    </message>
    <message>
        <source>unknown period &quot;%1&quot; for --per; use one of %2.</source>
        <translation>--per 的周期“%1”未知；请使用 %2 之一。</translation>
    </message>
    <message>
        <source>--min-share takes a number from 0 to 1, not &quot;%1&quot;.</source>
        <translation>--min-share 须为 0 至 1 之间的数，而不是“%1”。</translation>
    </message>
    <message>
        <source>No patrol plan.</source>
        <translation>没有巡查计划。</translation>
    </message>
    <message>
        <source>%1. grid %2, %3: %4</source>
        <translation>%1. 网格 %2，%3：%4</translation>
    </message>
    <message>
        <source>patrol-import needs a WORKSPACE and a FILE.</source>
        <translation>patrol-import 需要工作区和文件。</translation>
    </message>
    <message>
        <source>patrol-import needs --person, who patrolled.</source>
        <translation>patrol-import 需要 --person（巡查人）。</translation>
    </message>
    <message>
        <source>--sight takes a distance in metres above 0, not &quot;%1&quot;.</source>
        <translation>--sight 须为大于 0 的米数，而不是“%1”。</translation>
    </message>
    <message>
        <source>patrols needs a WORKSPACE.</source>
        <translation>patrols 需要工作区。</translation>
    </message>
    <message>
        <source>patrol-plan %1 takes no further argument.</source>
        <translation>patrol-plan %1 不接受更多参数。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is no plan ID.</source>
        <translation>“%1”不是计划编号。</translation>
    </message>
    <message>
        <source>Patrol plan %1 removed.</source>
        <translation>已删除巡查计划 %1。</translation>
    </message>
    <message>
        <source>Patrol plan %1 added: grid %2, %3.</source>
        <translation>已添加巡查计划 %1：网格 %2，%3。</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n feature(s) as %2</source>
        <translation>
            <numerusform>%1：%n 个要素，作为%2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 created, %2 updated, %3 unchanged, %4 refused</source>
        <translation>新建 %1，更新 %2，未变 %3，拒绝 %4</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) lie outside every grid</source>
        <translation>
            <numerusform>%n 个条目不在任何网格内</numerusform>
        </translation>
    </message>
    <message>
        <source>feature %1 refused: %2</source>
        <translation>要素 %1 被拒绝：%2</translation>
    </message>
    <message>
        <source>Dry run: nothing was written.</source>
        <translation>试运行：未写入任何内容。</translation>
    </message>
    <message>
        <source>import-register needs a WORKSPACE and a FILE.</source>
        <translation>import-register 需要工作区和文件。</translation>
    </message>
    <message>
        <source>import-register needs --kind KIND.</source>
        <translation>import-register 需要 --kind 类别。</translation>
    </message>
    <message>
        <source>unknown kind &quot;%1&quot;; use one of %2.</source>
        <translation>未知类别“%1”；请使用 %2 之一。</translation>
    </message>
    <message>
        <source>command line</source>
        <translation>命令行</translation>
    </message>
    <message numerus="yes">
        <source>nothing was imported: %n feature(s) refused. Correct the file or the mapping, or import the rest with --skip-refused.</source>
        <translation>
            <numerusform>未导入任何内容：%n 个要素被拒绝。请修正文件或映射，或用 --skip-refused 导入其余要素。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 entries, %3 stale</source>
        <translation>%1：%2 个条目，%3 个待核实</translation>
    </message>
    <message>
        <source>register needs a WORKSPACE.</source>
        <translation>register 需要工作区。</translation>
    </message>
    <message>
        <source>--reveal needs --as USER and --reason TEXT.</source>
        <translation>--reveal 需要 --as 用户 和 --reason 理由。</translation>
    </message>
    <message>
        <source>--at takes a date or an ISO date and time.</source>
        <translation>--at 须为日期或 ISO 日期时间。</translation>
    </message>
    <message>
        <source>--near takes LON,LAT and --within metres.</source>
        <translation>--near 须为 经度,纬度，--within 为米数。</translation>
    </message>
    <message>
        <source>register-history needs a WORKSPACE and a CODE.</source>
        <translation>register-history 需要工作区和编码。</translation>
    </message>
    <message>
        <source>The register has no entry %1.</source>
        <translation>台账中没有条目 %1。</translation>
    </message>
    <message>
        <source>register-verify needs a WORKSPACE, a CODE and --as USER.</source>
        <translation>register-verify 需要工作区、编码和 --as 用户。</translation>
    </message>
    <message>
        <source>%1 verified by %2 at %3</source>
        <translation>%1 已由 %2 于 %3 核实</translation>
    </message>
    <message>
        <source>register-merge needs a WORKSPACE, the CODE of the duplicate, --into CODE and --as USER.</source>
        <translation>register-merge 需要工作区、重复条目的编码、--into 编码和 --as 用户。</translation>
    </message>
    <message>
        <source>%1 merged into %2; both histories are kept.</source>
        <translation>%1 已合并到 %2；两者的历史均保留。</translation>
    </message>
    <message>
        <source>register-field needs a WORKSPACE, a KIND and a KEY.</source>
        <translation>register-field 需要工作区、类别和字段键。</translation>
    </message>
    <message>
        <source>--type is one of text, integer, number, date.</source>
        <translation>--type 须为 text、integer、number、date 之一。</translation>
    </message>
    <message>
        <source>--personal is one of name, id_number, phone, address.</source>
        <translation>--personal 须为 name、id_number、phone、address 之一。</translation>
    </message>
    <message>
        <source>%1 entries now have the field %2.</source>
        <translation>现在有 %1 个条目具有字段 %2。</translation>
    </message>
    <message>
        <source>Took in revision %1 of the server&apos;s org chart.</source>
        <translation>已接收服务器组织架构的第 %1 版。</translation>
    </message>
    <message>
        <source>A register entry the case concerns; repeat for several.</source>
        <translation>案件涉及的台账条目；多个时重复给出。</translation>
    </message>
    <message>
        <source>The register entry of the person who reported the case.</source>
        <translation>上报该案件的人在台账中的条目。</translation>
    </message>
    <message>
        <source>Remove the link instead of making it.</source>
        <translation>取消关联，而不是建立关联。</translation>
    </message>
    <message>
        <source>Register entries whose name or address begins with this.</source>
        <translation>名称或地址以此开头的台账条目。</translation>
    </message>
    <message>
        <source>What the entry is to the case: concerns (default) or reporter.</source>
        <translation>条目与案件的关系：concerns（涉及，默认）或 reporter（诉求人）。</translation>
    </message>
    <message>
        <source>register-entry needs a WORKSPACE and a CODE.</source>
        <translation>register-entry 需要工作区和编码。</translation>
    </message>
    <message>
        <source>%1 (%2 %3) has no cases.</source>
        <translation>%1（%2 %3）没有关联案件。</translation>
    </message>
    <message>
        <source>  linked to %1 (%2)</source>
        <translation>  关联到 %1（%2）</translation>
    </message>
    <message>
        <source>a case is linked to register entries with &quot;case-link&quot;, which keeps the link beside the case&apos;s history.</source>
        <translation>案件与台账条目的关联请用“case-link”，它会把关联与案件历史一并保存。</translation>
    </message>
    <message>
        <source>case-link needs a WORKSPACE, a case ID and a register entry CODE.</source>
        <translation>case-link 需要工作区、案件编号和台账条目编码。</translation>
    </message>
    <message>
        <source>--link-role takes concerns or reporter.</source>
        <translation>--link-role 只能是 concerns 或 reporter。</translation>
    </message>
    <message>
        <source>Case %1 is no longer linked to %2.</source>
        <translation>案件 %1 已取消关联 %2。</translation>
    </message>
    <message>
        <source>Case %1 is linked to %2.</source>
        <translation>案件 %1 已关联 %2。</translation>
    </message>
    <message>
        <source>There is no patrol plan %1.</source>
        <translation>没有巡查计划 %1。</translation>
    </message>
    <message>
        <source>Patrol plan %1 changed: grid %2, %3.</source>
        <translation>巡查计划 %1 已修改：网格 %2，%3。</translation>
    </message>
    <message>
        <source>patrol-plan needs a WORKSPACE and add, list, edit or remove.</source>
        <translation>patrol-plan 需要工作区以及 add、list、edit 或 remove。</translation>
    </message>
    <message>
        <source>patrol-plan %1 needs the plan&apos;s ID.</source>
        <translation>patrol-plan %1 需要计划编号。</translation>
    </message>
    <message>
        <source>unknown patrol-plan action &quot;%1&quot;; use add, list, edit or remove.</source>
        <translation>未知的 patrol-plan 操作“%1”；请用 add、list、edit 或 remove。</translation>
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
        <translation>用法：
  griddesk-cli import-grids 工作区 文件 --level 层级 [--layer 图层] [--code-field 字段]
      [--name-field 字段] [--parent-field 字段] [--source-crs 坐标系|gcj02] [--encoding 编码]
      [--repair-invalid]
  griddesk-cli import-cases 工作区 文件 [--profile auto|nyc311|la311]
  griddesk-cli grids 工作区 [--level 层级] --json
  griddesk-cli cases 工作区 [--grid 编码] --json
  griddesk-cli render 工作区 输出.png [--size 宽x高] [--bbox 西,南,东,北]
  griddesk-cli export-grids 工作区 输出.gpkg|.shp|.geojson|.json|.kml [--level 层级]
      [--crs 坐标系] [--encoding UTF-8|GBK] [--overwrite]

闭环流程：
  griddesk-cli report 工作区 --as 用户 --category 类别 [--descriptor 描述] [--address 地址]
      [--lon 经度 --lat 纬度] [--channel 渠道] [--entry 编码]… [--reporter 编码] [--at 时间]
      [--json]   （可关联的条目：register 工作区 --near 经度,纬度 --address 地址）
  griddesk-cli case-link 工作区 案件编号 编码 --as 用户 [--link-role concerns|reporter]
      [--remove] [--json]
  griddesk-cli case 工作区 案件编号 [--as 用户 --reveal --reason 理由] [--json]
      （报告人联系方式默认脱敏，仅领导或管理员说明理由后查看明文）
  griddesk-cli act 工作区 案件编号 动作 --as 用户 [--role 角色] [--unit 单位] [--co-unit 单位]…
      [--reason 原因] [--result 处置结果] [--satisfaction 1-5] [--limit 2d] [--promised 时间]
      [--into 案件编号] [--person 人员编号] [--file 路径] [--based-on 版本] [--at 时间]
      [--json]
  griddesk-cli deadlines 工作区 [--apply] [--at 时间] [--json]
  griddesk-cli rules 工作区 list|export|import 文件|dry-run [--rules 文件]
      [--from 日期] [--to 日期] [--json]
  griddesk-cli setup 工作区 export|import 文件
  griddesk-cli calendar 工作区 export [--year 年份] | import 文件.csv

评价（--from 至 --to 期间上报、用户可见的案件）：
  griddesk-cli evaluation 工作区 [--from 日期 --to 日期 | --last week|month|quarter]
      [--on 日期] [--by unit|grid|category|source] [--period day|week|month|quarter]
      [--as 用户] [--json | --csv 输出.csv | --pdf 输出.pdf] [--overwrite]
      （--last：--on 所指日期（默认今天）所在周期之前的完整周期；输出文件名中的
      {period} 替换为该周期的键：2026-11、2026-W48、2026-Q4）
  griddesk-cli evaluation-weights 工作区 [--set 指标=权重]…
      [--minimum-cases 数量] [--json]

巡查（来自 GPX 或 NMEA 记录的轨迹、所经网格、巡查中发现的案件）：
  griddesk-cli patrol-import 工作区 文件 --person 用户 [--sight 米数] [--json]
  griddesk-cli patrols 工作区 [--grid 编码] [--from 日期 --to 日期] [--json]
  griddesk-cli patrol-plan 工作区 add --grid 编码 --tasks 内容 --times 次数
      --per day|week|month (--person 姓名 | --post 岗位) [--min-share 0-1] [--json]
  griddesk-cli patrol-plan 工作区 edit 编号 [--grid 编码] [--tasks 内容] [--times 次数]
      [--per day|week|month] [--person 姓名 | --post 岗位] [--min-share 0-1] [--json]
  griddesk-cli patrol-plan 工作区 list [--grid 编码] [--json] | remove 编号

网格地图：
  griddesk-cli validate 工作区 [--level 层级] [--json]   （存在待处理的拓扑问题时退出码为 1）
  griddesk-cli subdivide 工作区 编码 --parts 数量 | --target-area 面积
  griddesk-cli publish 工作区 --as 用户 --note 说明
  griddesk-cli editions 工作区 [--json]

组织架构：
  griddesk-cli import-org 工作区 文件 --format divisions|csv [--root-code 代码]
  griddesk-cli import-org 工作区 文件 --format boundaries --code-field 字段 --tier 层级
      [--name-field 字段] [--parent-field 字段|字段/N|left(字段,N) | --root-code 代码
      [--root-name 名称]] [--layer 图层] [--encoding 编码] [--as 用户]
  griddesk-cli org 工作区 [--json]
  griddesk-cli org-check 工作区 [--json]   （有问题时退出码为 1）
  griddesk-cli org-move 工作区 代码 --parent 代码（留空：移到顶层）[--as 用户]
  griddesk-cli org-merge 工作区 代码 --into 代码 [--as 用户]
  griddesk-cli org-retire 工作区 代码 [--as 用户]
  griddesk-cli org-export 工作区 输出.csv --people|--units [--overwrite]
  griddesk-cli org-history 工作区 [代码] [--json]
  griddesk-cli reveal 工作区 人员编号 --field phone|id_number --reason 理由
      --as 用户

标准体系：
  griddesk-cli standards 工作区 [--json]
  griddesk-cli standards-export 工作区 输出.csv|输出.pdf [--detail] [--overwrite]
  griddesk-cli standards-attach 工作区 代码 --number 编号 --title 名称 --level 级别
      --status 状态 [--published 日期] [--implemented 日期] [--file 路径] --as 用户
  griddesk-cli standards-detach 工作区 编号 --as 用户
  griddesk-cli standards-add 工作区 上级代码 --title-zh 中文名称 --title-en 英文名称
      [--summary-zh 中文摘要] [--summary-en 英文摘要] --as 用户
  griddesk-cli standards-remove 工作区 代码 --as 用户
  griddesk-cli standards-move 工作区 代码 --parent 代码 --as 用户
  griddesk-cli standards-renumber 工作区 代码 新代码 --as 用户
  griddesk-cli standards-history 工作区 [代码] [--json]
  （标准级别：national、industry、local、group、internal；状态：in_force、
  draft、revised、withdrawn）

网格基础信息台账（类别：person、place、thing、event、situation、organisation）：
  griddesk-cli import-register 工作区 文件 --kind 类别 [--mapping 文件]
      [--layer 图层] [--encoding UTF-8|GBK|Big5] [--source-crs EPSG:代码]
      [--dry-run] [--skip-refused] [--as 用户] [--json]
  griddesk-cli register 工作区 [--grid 编码] [--kind 类别] [--code 编码]
      [--stale [--stale-days 天数] [--at 时间]] [--counts] [--near 经度,纬度 [--within 米数]]
      [--address 地址] [--search 文字]   （名称或地址以该文字开头）
      [--as 用户 [--reveal --reason 理由]] [--json]
      （--stale：按网格列出待核查条目；--stale-days：所有类别统一使用此核查周期，
      不用各类别自己的周期）
      （个人信息默认脱敏，仅领导或管理员查看明文）
  griddesk-cli register-entry 工作区 编码 [--json]   （条目及其关联案件）
  griddesk-cli register-history 工作区 编码 [--json]
  griddesk-cli register-verify 工作区 编码 --as 用户 [--at 时间]
  griddesk-cli register-merge 工作区 编码 --into 编码 --as 用户
  griddesk-cli register-field 工作区 类别 字段键 [--type text|integer|number|date]
      [--personal name|id_number|phone|address] [--identifying] [--title 标题]
      [--title-zh 中文标题]

与中心服务器（griddesk-server）同步：
  griddesk-cli sync 工作区 --server https://主机:端口 --user 用户
      [--password-file 文件] [--ca 文件] [--json]   （被拒绝或无法连接时退出码为 1）
  griddesk-cli outbox 工作区 [--state 状态] [--json]
  griddesk-cli outbox-redo 工作区 编号 --as 用户
  griddesk-cli outbox-discard 工作区 编号 --as 用户
  （状态：queued、sent、applied、rejected、discarded、redone）

动作：%2。
角色：%3。

工作区（GeoPackage 文件）不存在时会自动创建。
层级：%1。
</translation>
    </message>
    <message>
        <source>Only register entries due a visit, grid by grid.</source>
        <translation>仅列出待核查的台账条目，按网格分组。</translation>
    </message>
    <message>
        <source>Due a visit after this many days without one (default: each kind&apos;s own).</source>
        <translation>超过此天数未核查即为待核查（默认：各类别自己的周期）。</translation>
    </message>
    <message>
        <source>never verified</source>
        <translation>从未核查</translation>
    </message>
    <message>
        <source>verified %1 by %2</source>
        <translation>%1 由 %2 核查</translation>
    </message>
    <message numerus="yes">
        <source>Due a visit at %1: not verified for more than %n day(s).</source>
        <translation>
            <numerusform>截至 %1 待核查：超过 %n 天未核查。</numerusform>
        </translation>
    </message>
    <message>
        <source>Due a visit at %1: not verified within the period of their kind.</source>
        <translation>截至 %1 待核查：未在其类别的周期内核查。</translation>
    </message>
    <message>
        <source>Outside every grid</source>
        <translation>不在任何网格内</translation>
    </message>
    <message>
        <source>Grid %1 %2</source>
        <translation>网格 %1 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) due a visit</source>
        <translation>
            <numerusform>%n 个条目待核查</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) due a visit in all</source>
        <translation>
            <numerusform>共 %n 个条目待核查</numerusform>
        </translation>
    </message>
    <message>
        <source>--stale-days takes a whole number of days from 1 to 36500, not &quot;%1&quot;.</source>
        <translation>--stale-days 须为 1 至 36500 之间的整数天数，而不是“%1”。</translation>
    </message>
    <message>
        <source>Register entries taken in from the server: %1.</source>
        <translation>从服务器接收的台账条目：%1。</translation>
    </message>
    <message>
        <source>Reporter&apos;s contact: %1 (masked)</source>
        <translation>报告人联系方式：%1（已脱敏）</translation>
    </message>
    <message>
        <source>Reporter&apos;s contact: %1</source>
        <translation>报告人联系方式：%1</translation>
    </message>
    <message>
        <source>Show the version of griddesk-cli.</source>
        <translation>显示 griddesk-cli 的版本。</translation>
    </message>
</context>
<context>
    <name>GridDesk::CommandPalette</name>
    <message>
        <source>Type a command, &quot;case 1234&quot; or &quot;grid CODE&quot;</source>
        <translation>输入命令、“案件 1234”（case 1234）或“网格 编码”（grid CODE）</translation>
    </message>
    <message>
        <source>Enter runs the command · Up/Down choose · Esc closes</source>
        <translation>Enter 执行命令 · 上/下 选择 · Esc 关闭</translation>
    </message>
    <message>
        <source>Open case %1 (%2)</source>
        <extracomment>a command of the palette: %1 is a case, %2 its category</extracomment>
        <translation>打开案件 %1（%2）</translation>
    </message>
    <message>
        <source>Case queue</source>
        <translation>案件队列</translation>
    </message>
    <message>
        <source>Go to grid %1 %2</source>
        <extracomment>a command of the palette: %1 is a grid&apos;s code, %2 its name</extracomment>
        <translation>转到网格 %1 %2</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>case</source>
        <comment>palette keyword</comment>
        <extracomment>keywords of the command palette, separated by &quot;|&quot;: &quot;case 1234&quot; opens a case</extracomment>
        <translation>案件</translation>
    </message>
    <message>
        <source>grid</source>
        <comment>palette keyword</comment>
        <extracomment>keywords of the command palette, separated by &quot;|&quot;: &quot;grid CODE&quot; goes to a grid</extracomment>
        <translation>网格</translation>
    </message>
</context>
<context>
    <name>GridDesk::ConnectDialog</name>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Connect to server</source>
        <translation>连接服务器</translation>
    </message>
    <message>
        <source>https://HOST:PORT</source>
        <translation>https://主机:端口</translation>
    </message>
    <message>
        <source>none: the system&apos;s trusted certificates</source>
        <translation>无：使用系统信任的证书</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>CA certificate:</source>
        <translation>CA 证书：</translation>
    </message>
    <message>
        <source>The desk sends its actions to the city&apos;s server and takes in what other desks did. The password is kept only while the desk runs.</source>
        <translation>本席位把自己的操作发送到城市服务器，并接收其他席位的操作。密码只在席位运行期间保留。</translation>
    </message>
    <message>
        <source>The server&apos;s address must be https://HOST:PORT, such as https://griddesk.example.org:8443, not &quot;%1&quot;; the desk syncs over HTTPS only.</source>
        <translation>服务器地址须为 https://主机:端口，例如 https://griddesk.example.org:8443，而不是“%1”；席位只通过 HTTPS 同步。</translation>
    </message>
    <message>
        <source>Give the name of your account on the server.</source>
        <translation>请给出您在服务器上的账户名。</translation>
    </message>
    <message>
        <source>Give your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>The city&apos;s CA certificate</source>
        <translation>城市 CA 证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1, expired on %2: it will be refused.</source>
        <extracomment>%1 is a certificate&apos;s subject, %2 a date and time</extracomment>
        <translation>%1，已于 %2 过期：将被拒绝。</translation>
    </message>
    <message>
        <source>%1, not valid before %2.</source>
        <translation>%1，%2 之前无效。</translation>
    </message>
    <message>
        <source>%1, valid until %2.</source>
        <translation>%1，有效期至 %2。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
</context>
<context>
    <name>GridDesk::CoordinateTransformer</name>
    <message>
        <source>The coordinate system &quot;%1&quot; is not known to PROJ (%2).</source>
        <translation>PROJ 不认识坐标系“%1”（%2）。</translation>
    </message>
    <message>
        <source>No transformation from &quot;%1&quot; to WGS84 is known.</source>
        <translation>没有从“%1”到 WGS84 的已知转换。</translation>
    </message>
    <message>
        <source>The transformation from &quot;%1&quot; could not be set up.</source>
        <translation>无法建立从“%1”出发的坐标转换。</translation>
    </message>
</context>
<context>
    <name>GridDesk::CoverageFindingsModel</name>
    <message>
        <source>Grid without an information collector</source>
        <translation>网格无信息采集员</translation>
    </message>
    <message>
        <source>Grid without a supervisor</source>
        <translation>网格无监督员</translation>
    </message>
    <message>
        <source>Unit without a head</source>
        <translation>单位无负责人</translation>
    </message>
    <message>
        <source>Grid outside the unit&apos;s jurisdiction</source>
        <translation>网格不在单位辖区内</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Grid, unit, person</source>
        <translation>网格、单位、人员</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Unit whose parent is missing</source>
        <translation>上级缺失的单位</translation>
    </message>
    <message>
        <source>Unit within itself</source>
        <translation>自我包含的单位</translation>
    </message>
    <message>
        <source>Person whose unit is missing</source>
        <translation>单位缺失的人员</translation>
    </message>
</context>
<context>
    <name>GridDesk::DeadlineText</name>
    <message>
        <source>Deadline %1 (time left counted in working hours)</source>
        <extracomment>%1 is a date and time</extracomment>
        <translation>截止时间 %1（剩余时间按工作时间计算）</translation>
    </message>
    <message>
        <source>Deadline %1</source>
        <translation>截止时间 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <extracomment>days and hours, e.g. &quot;2 d 4 h&quot;</extracomment>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>Clock stopped</source>
        <translation>暂停计时</translation>
    </message>
    <message>
        <source>The clock stands still until the material arrives.</source>
        <translation>收到补充材料前暂停计时。</translation>
    </message>
    <message>
        <source>Overdue %1</source>
        <extracomment>%1 is how long ago the deadline passed, e.g. &quot;2 h&quot;</extracomment>
        <translation>已超期 %1</translation>
    </message>
    <message>
        <source>Due in %1 (%2 %)</source>
        <extracomment>%1 is the time left, e.g. &quot;3 h&quot;; %2 the share of the time used, e.g. 80</extracomment>
        <translation>剩余 %1（已用 %2%）</translation>
    </message>
    <message>
        <source>Due in %1</source>
        <translation>剩余 %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::DeskAids</name>
    <message>
        <source>Alerts</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>&amp;Command palette…</source>
        <translation>命令面板(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Recent alerts</source>
        <translation>最近的提醒(&amp;R)</translation>
    </message>
    <message>
        <source>P&amp;references…</source>
        <translation>首选项(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
</context>
<context>
    <name>GridDesk::DeskLayout</name>
    <message>
        <source>%1: %2</source>
        <extracomment>%1 is a field of a saved window layout, %2 what is wrong with it</extracomment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>expected [x, y, width, height]</source>
        <translation>应为 [x, y, 宽, 高]</translation>
    </message>
    <message>
        <source>the width and height must be positive</source>
        <translation>宽和高必须为正数</translation>
    </message>
    <message>
        <source>expected an object</source>
        <translation>应为一个对象</translation>
    </message>
    <message>
        <source>expected [west, south, east, north]</source>
        <translation>应为 [西, 南, 东, 北]</translation>
    </message>
    <message>
        <source>west &lt; east and south &lt; north must lie within ±180° and ±90°</source>
        <translation>须西 &lt; 东、南 &lt; 北，且在 ±180° 与 ±90° 之内</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of hidden, docked, window</source>
        <translation>“%1”不是 hidden、docked、window 之一</translation>
    </message>
</context>
<context>
    <name>GridDesk::DeskWindows</name>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>Case queue</source>
        <translation>案件队列</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Org chart</source>
        <translation>组织架构</translation>
    </message>
    <message>
        <source>Standard system</source>
        <translation>标准体系</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Map %1</source>
        <extracomment>The title of a further map window; %1 is its number (2, 3 …)</extracomment>
        <translation>地图 %1</translation>
    </message>
    <message>
        <source>New &amp;map window</source>
        <translation>新建地图窗口(&amp;M)</translation>
    </message>
    <message>
        <source>Another map of the open workspace, with an extent of its own</source>
        <translation>当前工作区的另一幅地图，范围各自独立</translation>
    </message>
    <message>
        <source>&amp;Layouts</source>
        <translation>布局(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Save layout as…</source>
        <translation>布局另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Manage layouts…</source>
        <translation>管理布局(&amp;M)…</translation>
    </message>
    <message>
        <source>Closed</source>
        <extracomment>A panel of the desk is not shown (for a further map window: it is closed)</extracomment>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>已隐藏</translation>
    </message>
    <message>
        <source>In the main window</source>
        <extracomment>A panel of the desk shown as a dock (for the main map: in the middle) of the main window</extracomment>
        <translation>在主窗口中</translation>
    </message>
    <message>
        <source>Docked in the main window</source>
        <translation>停靠在主窗口中</translation>
    </message>
    <message>
        <source>In its own window</source>
        <extracomment>A panel of the desk shown as a top-level window of its own, placeable on any monitor</extracomment>
        <translation>在独立窗口中</translation>
    </message>
    <message>
        <source>Move to its own window or back</source>
        <translation>移到独立窗口或移回</translation>
    </message>
    <message>
        <source>Layout not applied</source>
        <translation>布局未应用</translation>
    </message>
    <message>
        <source>No layouts saved yet</source>
        <translation>尚未保存布局</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <extracomment>A panel&apos;s own window: %1 is the panel (Case queue, Map 2 …), %2 the main window title</extracomment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>A monitor was disconnected; its windows were moved to another one.</source>
        <translation>有显示器已断开，其上的窗口已移到另一台显示器。</translation>
    </message>
    <message>
        <source>Layout &quot;%1&quot; applied.</source>
        <extracomment>%1 is the name of a window layout</extracomment>
        <translation>已应用布局“%1”。</translation>
    </message>
    <message>
        <source>Save layout</source>
        <translation>保存布局</translation>
    </message>
    <message>
        <source>Name of the layout (windows, their monitors and the maps&apos; extents):</source>
        <translation>布局名称（记录窗口、所在显示器及地图范围）：</translation>
    </message>
    <message>
        <source>Layout not saved</source>
        <translation>布局未保存</translation>
    </message>
    <message>
        <source>A layout needs a name.</source>
        <translation>布局需要一个名称。</translation>
    </message>
    <message>
        <source>Replace layout</source>
        <translation>替换布局</translation>
    </message>
    <message>
        <source>A layout is already saved as &quot;%1&quot;. Replace it?</source>
        <translation>已有名为“%1”的布局。要替换吗？</translation>
    </message>
    <message>
        <source>Layout &quot;%1&quot; saved.</source>
        <translation>已保存布局“%1”。</translation>
    </message>
</context>
<context>
    <name>GridDesk::DispatchDryRun</name>
    <message numerus="yes">
        <source>%n case(s) tried.</source>
        <translation>
            <numerusform>试运行了 %n 件案件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Matched a rule: %1 (to the unit they went to: %2, elsewhere: %3, never dispatched: %4). Matched none: %5.</source>
        <translation>匹配到规则：%1（与实际派遣单位一致：%2，不一致：%3，从未派遣：%4）。未匹配任何规则：%5。</translation>
    </message>
    <message numerus="yes">
        <source>  %1 %2: %n case(s), %3 agreeing, %4 differing</source>
        <translation>
            <numerusform>  %1 %2：%n 件案件，一致 %3，不一致 %4</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::DispatchRules</name>
    <message>
        <source>category %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <source>grid %1</source>
        <translation>网格 %1</translation>
    </message>
    <message>
        <source>reported %1–%2</source>
        <translation>上报时间 %1–%2</translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation>来源渠道 %1</translation>
    </message>
    <message>
        <source>every case</source>
        <translation>所有案件</translation>
    </message>
    <message>
        <source>Rule %1 &quot;%2&quot; (%3)</source>
        <translation>规则 %1“%2”（%3）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is &quot;%2&quot;; write a time as 22:00</source>
        <translation>“%1”为“%2”；时间请按 22:00 的格式填写</translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation>第 %1 条规则</translation>
    </message>
    <message>
        <source>%1: &quot;id&quot; is missing</source>
        <translation>%1：缺少“id”</translation>
    </message>
    <message>
        <source>%1: id %2 is used twice</source>
        <translation>%1：id %2 被使用了两次</translation>
    </message>
    <message>
        <source>%1: &quot;unit&quot; is missing</source>
        <translation>%1：缺少“unit”</translation>
    </message>
    <message>
        <source>%1: a time window needs both &quot;from&quot; and &quot;to&quot;</source>
        <translation>%1：时间段需要同时指定“from”和“to”</translation>
    </message>
</context>
<context>
    <name>GridDesk::DryRunDialog</name>
    <message>
        <source>&amp;From</source>
        <translation>起始日期(&amp;F)</translation>
    </message>
    <message>
        <source>T&amp;o</source>
        <translation>结束日期(&amp;O)</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件数</translation>
    </message>
    <message>
        <source>Agreeing</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>Differing</source>
        <translation>不一致</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Went to</source>
        <translation>实际派往</translation>
    </message>
    <message>
        <source>Rule proposes</source>
        <translation>规则建议</translation>
    </message>
    <message>
        <source>Try dispatch rules on past cases</source>
        <translation>用历史案件试运行派遣规则</translation>
    </message>
    <message>
        <source>Without dates, every case of the workspace is tried.</source>
        <translation>不限日期时，将用工作区中的全部案件试运行。</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>What each rule would have decided:</source>
        <translation>各条规则本会作出的决定：</translation>
    </message>
    <message>
        <source>The first cases a rule would have sent elsewhere:</source>
        <translation>规则本会派往其他单位的前几件案件：</translation>
    </message>
    <message>
        <source>The rules could not be tried: %1</source>
        <translation>无法试运行规则：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) tried: %1 matched a rule – %2 to the unit they went to, %3 elsewhere, %4 never dispatched; %5 matched no rule. Nothing was saved.</source>
        <extracomment>counts of a dry run of the dispatch rules over past cases</extracomment>
        <translation>
            <numerusform>试运行了 %n 件案件：%1 件匹配到规则——%2 件与实际派遣单位一致，%3 件不一致，%4 件从未派遣；%5 件未匹配任何规则。未保存任何内容。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::DuplicatePicker</name>
    <message>
        <source> m</source>
        <extracomment>unit after the distance within which duplicates are looked for</extracomment>
        <translation> 米</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Same category within</source>
        <translation>同类别，相距</translation>
    </message>
    <message>
        <source>and</source>
        <translation>以内，前后</translation>
    </message>
    <message>
        <source>No open case of the same category is that near.</source>
        <translation>在此范围内没有同类别的未办结案件。</translation>
    </message>
    <message numerus="yes">
        <source>%n possible duplicate(s).</source>
        <translation>
            <numerusform>%n 件可能重复的案件。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::Editions</name>
    <message>
        <source>Split</source>
        <translation>分割</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Reshaped</source>
        <translation>修整边界</translation>
    </message>
    <message>
        <source>Subdivided</source>
        <translation>细分</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>The grid draft could not be read: %1</source>
        <translation>无法读取网格草稿：%1</translation>
    </message>
    <message>
        <source>Grid %1 was changed since this edit began; nothing was changed.</source>
        <translation>网格 %1 在本次编辑开始后已被修改；本次编辑未作任何更改。</translation>
    </message>
    <message>
        <source>Every grid needs a code.</source>
        <translation>每个网格都须有编码。</translation>
    </message>
    <message>
        <source>Code %1 is given to two grids by one edit.</source>
        <translation>同一次编辑中有两个网格使用了编码 %1。</translation>
    </message>
    <message>
        <source>Code %1 is already taken by another grid.</source>
        <translation>编码 %1 已被其他网格使用。</translation>
    </message>
    <message>
        <source>Grid %1 could not be deleted from the draft: %2</source>
        <translation>无法从草稿中删除网格 %1：%2</translation>
    </message>
    <message>
        <source>Grid %1 could not be written to the draft: %2</source>
        <translation>无法将网格 %1 写入草稿：%2</translation>
    </message>
    <message>
        <source>The lineage of the draft could not be written: %1</source>
        <translation>无法写入草稿的沿革记录：%1</translation>
    </message>
    <message>
        <source>The draft could not be cleared: %1</source>
        <translation>无法清空草稿：%1</translation>
    </message>
    <message>
        <source>Accepted findings could not be read: %1</source>
        <translation>无法读取已接受的拓扑问题：%1</translation>
    </message>
    <message>
        <source>Say why the finding is accepted.</source>
        <translation>请说明接受该问题的理由。</translation>
    </message>
    <message>
        <source>The finding has no key.</source>
        <translation>该问题缺少标识（key）。</translation>
    </message>
    <message>
        <source>The acceptance could not be saved: %1</source>
        <translation>无法保存接受记录：%1</translation>
    </message>
    <message>
        <source>The acceptance could not be withdrawn: %1</source>
        <translation>无法撤回接受：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Reading cases</source>
        <translation>读取案件</translation>
    </message>
    <message>
        <source>Reading dispatch rules</source>
        <translation>读取派遣规则</translation>
    </message>
    <message>
        <source>Reading grid editions</source>
        <translation>读取网格版本</translation>
    </message>
    <message>
        <source>Keeping grid %1 in edition %2</source>
        <translation>将网格 %1 存入第 %2 版</translation>
    </message>
    <message>
        <source>Recording edition %1</source>
        <translation>记录第 %1 版</translation>
    </message>
    <message>
        <source>Grids as imported</source>
        <translation>初始导入的网格</translation>
    </message>
    <message numerus="yes">
        <source>%n grid(s) imported</source>
        <translation>
            <numerusform>导入了 %n 个网格</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading edition %1</source>
        <translation>读取第 %1 版</translation>
    </message>
    <message>
        <source>The draft has no changes to publish.</source>
        <translation>草稿中没有可发布的修改。</translation>
    </message>
    <message>
        <source>Say what this edition changes.</source>
        <translation>请说明本版本的变更内容。</translation>
    </message>
    <message>
        <source>Say who publishes this edition.</source>
        <translation>请指明本版本的发布人。</translation>
    </message>
    <message>
        <source>The draft cannot be published until these are fixed or accepted: %1</source>
        <translation>以下问题修正或接受之前，草稿不能发布：%1</translation>
    </message>
    <message>
        <source>Closing grid %1</source>
        <translation>结束网格 %1 的现行版本</translation>
    </message>
    <message>
        <source>case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <source>grid %1</source>
        <translation>网格 %1</translation>
    </message>
    <message>
        <source>Code %1 belongs to a grid of another level in the draft (%2); the file gives it to one of this level: %3. Codes are unique across levels.</source>
        <translation>编码 %1 在草稿中属于另一层级的网格（%2），文件却把它用于此层级的网格：%3。各层级的编码不得重复。</translation>
    </message>
    <message>
        <source>Grid %1 was changed in another window or program; nothing was changed. Open the draft again to see the change.</source>
        <translation>网格 %1 已在其他窗口或程序中被修改；本次未作任何更改。请重新打开草稿查看该修改。</translation>
    </message>
    <message>
        <source>Code %1 was given to another grid in another window or program; nothing was changed.</source>
        <translation>编码 %1 已在其他窗口或程序中分配给另一个网格；本次未作任何更改。</translation>
    </message>
    <message>
        <source>The draft has no changes to publish; it may have been published from another window or program.</source>
        <translation>草稿中没有可发布的修改；它可能已在其他窗口或程序中发布。</translation>
    </message>
    <message>
        <source>The draft was changed in another window or program since it was read; open it again to see those changes before publishing.</source>
        <translation>草稿在读取后已在其他窗口或程序中被修改；请重新打开草稿，查看这些修改后再发布。</translation>
    </message>
    <message>
        <source>There is no grid edition %1.</source>
        <translation>没有网格版本 %1。</translation>
    </message>
    <message>
        <source>Reading grid edition %1</source>
        <translation>读取网格版本 %1</translation>
    </message>
    <message>
        <source>Grid edition %1 cannot be taken in: this workspace has editions up to %2 only.</source>
        <translation>无法接收网格版本 %1：本工作区只有到 %2 为止的版本。</translation>
    </message>
</context>
<context>
    <name>GridDesk::EditionsDialog</name>
    <message>
        <source>Grid editions</source>
        <translation>网格版本</translation>
    </message>
    <message>
        <source>Edition</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>发布人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Grids</source>
        <translation>网格数</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>变更数</translation>
    </message>
    <message>
        <source>Lineage</source>
        <translation>沿革</translation>
    </message>
    <message>
        <source>&amp;Show on map</source>
        <translation>在地图上显示(&amp;S)</translation>
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
            <numerusform>另有 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::Error</name>
    <message>
        <source>%1: %2</source>
        <extracomment>where something went wrong, then what: &quot;grids.shp, row 12: the geometry is invalid&quot;</extracomment>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>GridDesk::Evaluation</name>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a day; write it as YYYY-MM-DD, for example 2018-01-31.</source>
        <translation>%1“%2”不是日期；请写作 YYYY-MM-DD，例如 2018-01-31。</translation>
    </message>
    <message>
        <source>The period starts on %1, after it ends on %2.</source>
        <translation>期间开始于 %1，晚于其结束日 %2。</translation>
    </message>
    <message>
        <source>the first case</source>
        <translation>第一个案件</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>Cases reported from %1 to %2</source>
        <translation>%1 至 %2 上报的案件</translation>
    </message>
    <message>
        <source>, by %1</source>
        <translation>，按%1</translation>
    </message>
    <message>
        <source>, per %1</source>
        <translation>，每%1</translation>
    </message>
    <message>
        <source>, every case of the workspace (no user given)</source>
        <translation>，工作区全部案件（未指定用户）</translation>
    </message>
    <message>
        <source>, as seen by user %1</source>
        <translation>，用户 %1 所见</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>全部案件</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Numerator</source>
        <translation>分子</translation>
    </message>
    <message>
        <source>Denominator</source>
        <translation>分母</translation>
    </message>
    <message>
        <source>Time per stage</source>
        <translation>各环节用时</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Stages ended</source>
        <translation>已结束环节</translation>
    </message>
    <message>
        <source>Mean hours</source>
        <translation>平均小时</translation>
    </message>
    <message>
        <source>Median hours</source>
        <translation>中位小时</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Unit ranking</source>
        <translation>单位排名</translation>
    </message>
    <message>
        <source>%1 (clause %2) %3</source>
        <translation>%1（条款 %2）%3</translation>
    </message>
    <message>
        <source>Weights: %1. Units need at least %2 cases to be ranked.</source>
        <translation>权重：%1。单位至少需要 %2 个案件才参与排名。</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件数</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Not ranked: below %1 cases or nothing to score</source>
        <translation>未排名：案件少于 %1 个或无可计分指标</translation>
    </message>
    <message>
        <source>Evaluation report</source>
        <translation>评价报告</translation>
    </message>
    <message>
        <source>Jurisdiction: %1</source>
        <translation>管辖范围：%1</translation>
    </message>
    <message>
        <source>Made %1 UTC</source>
        <translation>生成于 %1 UTC</translation>
    </message>
    <message>
        <source>The cases behind every number are listed in the JSON and CSV exports.</source>
        <translation>每个数字背后的案件列在 JSON 和 CSV 导出文件中。</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>工作区：%1</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>(not dispatched)</source>
        <translation>（未派遣）</translation>
    </message>
    <message>
        <source>(no grid)</source>
        <translation>（无网格）</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>（无类别）</translation>
    </message>
    <message>
        <source>(channel not recorded)</source>
        <translation>（未记录渠道）</translation>
    </message>
    <message>
        <source>all cases</source>
        <translation>全部案件</translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) with fewer than %1 cases, or with no weighted indicator to score, are not ranked; their scores are listed apart.</source>
        <translation>
            <numerusform>%n 个单位案件少于 %1 个或没有可计分的加权指标，不参与排名；其得分另行列出。</numerusform>
        </translation>
    </message>
    <message>
        <source>The evaluation weights kept in the workspace cannot be read: %1.</source>
        <translation>无法读取工作区中保存的评价权重：%1。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a weighted indicator; use one of %2.</source>
        <translation>“%1”不是加权指标；请使用 %2 之一。</translation>
    </message>
    <message>
        <source>The weight of %1 must be a number from 0 to %2, not &quot;%3&quot;.</source>
        <translation>%1 的权重必须是 0 到 %2 之间的数，而不是“%3”。</translation>
    </message>
    <message>
        <source>The weight of %1 must be a number from 0 to %2, not %3.</source>
        <translation>%1 的权重必须是 0 到 %2 之间的数，而不是 %3。</translation>
    </message>
    <message>
        <source>At least one weight must be above 0, or no unit can be scored.</source>
        <translation>至少一个权重必须大于 0，否则任何单位都无法计分。</translation>
    </message>
    <message>
        <source>A unit needs at least 1 case to be ranked, not %1.</source>
        <translation>单位参与排名至少需要 1 个案件，而不是 %1。</translation>
    </message>
    <message>
        <source>The evaluation weight of %1 kept in the workspace is not a number.</source>
        <translation>工作区中保存的 %1 的评价权重不是数字。</translation>
    </message>
    <message>
        <source>No case of the report has a satisfaction recorded: satisfaction is left out of every score.</source>
        <translation>报告中没有案件记录了满意度：所有得分均不含满意度。</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) of the period lie outside the user&apos;s jurisdiction and are not counted.</source>
        <translation>
            <numerusform>本期间有 %n 个案件在该用户管辖范围之外，未予统计。</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the cases</source>
        <translation>读取案件</translation>
    </message>
    <message>
        <source>Reading the history of case %1</source>
        <translation>读取案件 %1 的办理记录</translation>
    </message>
    <message>
        <source>Event %1 of case %2 cannot be read: unknown action or state, or out of order.</source>
        <translation>无法读取案件 %2 的事件 %1：动作或状态未知，或顺序错乱。</translation>
    </message>
    <message>
        <source>Event %1 of case %2 holds data that is not a JSON object.</source>
        <translation>案件 %2 的事件 %1 所含数据不是 JSON 对象。</translation>
    </message>
    <message>
        <source>Case %1 has an event at &quot;%2&quot;, which is not a time.</source>
        <translation>案件 %1 有一个时间为“%2”的事件，这不是时间。</translation>
    </message>
    <message>
        <source>Cases received</source>
        <translation>受理案件数</translation>
    </message>
    <message>
        <source>Cases registered</source>
        <translation>立案数</translation>
    </message>
    <message>
        <source>Cases dispatched</source>
        <translation>派遣数</translation>
    </message>
    <message>
        <source>Cases closed</source>
        <translation>结案数</translation>
    </message>
    <message>
        <source>Closure rate</source>
        <translation>结案率</translation>
    </message>
    <message>
        <source>On-time closure rate</source>
        <translation>按期结案率</translation>
    </message>
    <message>
        <source>Rework rate</source>
        <translation>返工率</translation>
    </message>
    <message>
        <source>Returns by units</source>
        <translation>单位退回数</translation>
    </message>
    <message>
        <source>Failed verifications</source>
        <translation>核查未通过数</translation>
    </message>
    <message>
        <source>Supervisions</source>
        <translation>督办数</translation>
    </message>
    <message>
        <source>Supervision rate</source>
        <translation>督办率</translation>
    </message>
    <message>
        <source>First-discovery rate</source>
        <translation>首发现率</translation>
    </message>
    <message>
        <source>Satisfaction (1 to 5)</source>
        <translation>满意度（1 至 5）</translation>
    </message>
    <message>
        <source>Cases evaluated</source>
        <translation>已评价案件数</translation>
    </message>
    <message>
        <source>Hotline cases received</source>
        <translation>热线受理数</translation>
    </message>
    <message>
        <source>Hotline cases closed on time</source>
        <translation>热线按期办结数</translation>
    </message>
    <message>
        <source>Hotline requests resolved</source>
        <translation>热线诉求解决数</translation>
    </message>
    <message>
        <source>Hotline satisfaction (1 to 5)</source>
        <translation>热线满意度（1 至 5）</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1失败：%2</translation>
    </message>
    <message>
        <source>%1 is not a user of this workspace (its users: %2).</source>
        <translation>%1 不是本工作区的用户（其用户：%2）。</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>User %1 belongs to unit &quot;%2&quot;, which is not in the org chart.</source>
        <translation>用户 %1 属于单位“%2”，该单位不在组织架构中。</translation>
    </message>
    <message>
        <source>Reading the units&apos; jurisdictions</source>
        <translation>读取各单位的管辖范围</translation>
    </message>
    <message>
        <source>Reading the grids&apos; parents</source>
        <translation>读取网格的上级网格</translation>
    </message>
    <message>
        <source>every case of the workspace</source>
        <translation>工作区全部案件</translation>
    </message>
    <message>
        <source>every case (unit %1 %2 is the top of the chart)</source>
        <translation>全部案件（单位 %1 %2 是组织架构的顶层）</translation>
    </message>
    <message>
        <source>cases of unit %1 %2 and the units and grids below it</source>
        <translation>单位 %1 %2 及其下级单位和网格的案件</translation>
    </message>
    <message>
        <source>First discovery counts cases reported through %1 or found on a patrol (reported during an imported patrol track, near it, by the patroller or through grid staff), and not merged into another case as a duplicate.</source>
        <translation>主动发现率统计经 %1 上报、或在巡查中发现（在已导入的巡查轨迹期间、于轨迹附近、由巡查人或经网格员上报）且未作为重复案件并入其他案件的案件。</translation>
    </message>
    <message numerus="yes">
        <source>Hotline reporters contacted first counts the dispatched hotline cases whose reporter was called (the action &quot;Contact the reporter&quot;) within %n hours of the report.</source>
        <translation>
            <numerusform>热线先行联系率统计已派遣的热线案件中，在上报后 %n 小时内联系过诉求人（动作“联系诉求人”）的案件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Hotline reporters contacted first</source>
        <translation>热线先行联系率</translation>
    </message>
</context>
<context>
    <name>GridDesk::EvaluationDashboard</name>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Double-click a number to open its cases in the queue</source>
        <translation>双击数字即可在案件队列中打开其案件</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>全部案件</translation>
    </message>
    <message>
        <source>By unit</source>
        <translation>按单位</translation>
    </message>
    <message>
        <source>By grid</source>
        <translation>按网格</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>By channel</source>
        <translation>按渠道</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>Per week</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>Per month</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>Per quarter</source>
        <translation>每季度</translation>
    </message>
    <message>
        <source>The steps of the trend chart</source>
        <translation>趋势图的时间步长</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>%1 (clause %2): click to open its cases in the queue</source>
        <extracomment>%1 is an indicator such as &quot;Closure rate&quot;, %2 the clause of the standard</extracomment>
        <translation>%1（条款 %2）：点击在案件队列中打开其案件</translation>
    </message>
    <message>
        <source>The figures cannot be made: %1</source>
        <translation>无法生成统计数字：%1</translation>
    </message>
    <message>
        <source>%1.</source>
        <translation>%1。</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1：%2。</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <extracomment>%1 is an indicator, %2 a unit, grid, category or channel</extracomment>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Counting the cases for %1…</source>
        <translation>正在统计案件：%1…</translation>
    </message>
</context>
<context>
    <name>GridDesk::EvaluationView</name>
    <message>
        <source>Cases received and closed per day</source>
        <translation>每日受理与结案数</translation>
    </message>
    <message>
        <source>Cases received and closed per week</source>
        <translation>每周受理与结案数</translation>
    </message>
    <message>
        <source>Cases received and closed per quarter</source>
        <translation>每季度受理与结案数</translation>
    </message>
    <message>
        <source>Cases received and closed per month</source>
        <translation>每月受理与结案数</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <extracomment>%1 is an indicator, %2 a period such as 2018-01</extracomment>
        <translation>%1，%2</translation>
    </message>
    <message numerus="yes">
        <source>Unit ranking (units with at least %n case(s))</source>
        <translation>
            <numerusform>单位排名（至少有 %n 个案件的单位）</numerusform>
        </translation>
    </message>
    <message>
        <source>Composite score</source>
        <translation>综合得分</translation>
    </message>
    <message>
        <source>Unit %1</source>
        <translation>单位 %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::ExportGridsDialog</name>
    <message>
        <source>Export grids</source>
        <translation>导出网格</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>grids.gpkg, grids.shp, grids.geojson or grids.kml</source>
        <translation>grids.gpkg、grids.shp、grids.geojson 或 grids.kml</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <source>WGS 84 (longitude, latitude)</source>
        <translation>WGS 84（经纬度）</translation>
    </message>
    <message>
        <source>CGCS2000 (longitude, latitude)</source>
        <translation>CGCS2000（经纬度）</translation>
    </message>
    <message>
        <source>CGCS2000 / 3-degree Gauss-Kruger, central meridian 114°E</source>
        <translation>CGCS2000 / 3 度带高斯-克吕格投影，中央经线 114°E</translation>
    </message>
    <message>
        <source>CGCS2000 / 3-degree Gauss-Kruger, central meridian 120°E</source>
        <translation>CGCS2000 / 3 度带高斯-克吕格投影，中央经线 120°E</translation>
    </message>
    <message>
        <source>Web Mercator</source>
        <translation>Web 墨卡托</translation>
    </message>
    <message>
        <source>Pick a system, or type an EPSG code (EPSG:32650) or a PROJ string.</source>
        <translation>选择一个坐标系，或输入 EPSG 代码（如 EPSG:32650）或 PROJ 字符串。</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>层级(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Coordinate system:</source>
        <translation>坐标系(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Encoding (shapefile):</source>
        <translation>编码（Shapefile）(&amp;E)：</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg);;Shapefile (*.shp);;GeoJSON (*.geojson *.json);;KML (*.kml)</source>
        <translation>GeoPackage (*.gpkg);;Shapefile (*.shp);;GeoJSON (*.geojson *.json);;KML (*.kml)</translation>
    </message>
    <message>
        <source>The file must end in .gpkg, .shp, .geojson, .json or .kml.</source>
        <translation>文件名须以 .gpkg、.shp、.geojson、.json 或 .kml 结尾。</translation>
    </message>
    <message>
        <source>%1 exists. Replace it?</source>
        <translation>%1 已存在。要替换它吗？</translation>
    </message>
</context>
<context>
    <name>GridDesk::GeoPackageBlob</name>
    <message>
        <source>The stored geometry is not a GeoPackage geometry.</source>
        <translation>存储的几何不是 GeoPackage 几何。</translation>
    </message>
    <message>
        <source>The stored geometry has an unknown envelope kind %1.</source>
        <translation>存储的几何带有未知的外包框类型 %1。</translation>
    </message>
    <message>
        <source>The stored geometry is truncated.</source>
        <translation>存储的几何数据不完整。</translation>
    </message>
</context>
<context>
    <name>GridDesk::Geos</name>
    <message>
        <source>The geometry could not be read: %1</source>
        <translation>无法读取几何：%1</translation>
    </message>
    <message>
        <source>%1 at %2, %3</source>
        <translation>%1，位于 %2, %3</translation>
    </message>
    <message>
        <source>invalid geometry</source>
        <translation>无效几何</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridAttributesPanel</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>编码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>层级(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Parent:</source>
        <translation>上级网格(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Households:</source>
        <translation>户数(&amp;H)：</translation>
    </message>
    <message>
        <source>P&amp;opulation:</source>
        <translation>人口(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Supervisor:</source>
        <translation>网格监督员(&amp;S)：</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>面积：</translation>
    </message>
    <message numerus="yes">
        <source>%n grids are selected; select one to edit its attributes.</source>
        <translation>
            <numerusform>已选择 %n 个网格；只选择一个网格才能编辑其属性。</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a grid on the map to edit its attributes.</source>
        <translation>请在地图上选择一个网格以编辑其属性。</translation>
    </message>
    <message>
        <source>%1 m²</source>
        <extracomment>An area in square metres</extracomment>
        <translation>%1 平方米</translation>
    </message>
    <message>
        <source>There is no grid %1 to be the parent.</source>
        <translation>作为上级网格的网格 %1 不存在。</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridChanges</name>
    <message>
        <source>There is no boundary there to change.</source>
        <translation>该处没有可修改的边界。</translation>
    </message>
    <message>
        <source>Move vertex</source>
        <translation>移动节点</translation>
    </message>
    <message>
        <source>Add vertex</source>
        <translation>添加节点</translation>
    </message>
    <message>
        <source>Delete vertex</source>
        <translation>删除节点</translation>
    </message>
    <message>
        <source>Grid %1 is not on the map.</source>
        <translation>地图上没有网格 %1。</translation>
    </message>
    <message>
        <source>Reshape %1</source>
        <extracomment>%1 is a grid code</extracomment>
        <translation>修整 %1 的边界</translation>
    </message>
    <message>
        <source>Split %1</source>
        <translation>分割 %1</translation>
    </message>
    <message>
        <source>%1 (part %2)</source>
        <extracomment>A part split off a grid: %1 is the grid&apos;s name, %2 the number of the part</extracomment>
        <translation>%1（第 %2 部分）</translation>
    </message>
    <message>
        <source>Select at least two adjacent grids.</source>
        <translation>请至少选择两个相邻的网格。</translation>
    </message>
    <message>
        <source>Merge %1</source>
        <translation>合并 %1</translation>
    </message>
    <message>
        <source>A grid needs at least three corners.</source>
        <translation>网格至少需要三个角点。</translation>
    </message>
    <message>
        <source>New grid %1</source>
        <translation>新网格 %1</translation>
    </message>
    <message>
        <source>Draw grid %1</source>
        <translation>绘制网格 %1</translation>
    </message>
    <message>
        <source>Select the grids to delete.</source>
        <translation>请选择要删除的网格。</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message numerus="yes">
        <source>Subdivide %1 into %n fine grids</source>
        <extracomment>%1 is a grid code, %n the number of fine grids made</extracomment>
        <translation>
            <numerusform>将 %1 细分为 %n 个精细化网格</numerusform>
        </translation>
    </message>
    <message>
        <source>A grid needs a code.</source>
        <translation>网格须有编码。</translation>
    </message>
    <message>
        <source>Another grid has the code %1.</source>
        <translation>已有其他网格使用编码 %1。</translation>
    </message>
    <message>
        <source>Edit attributes of %1</source>
        <translation>编辑 %1 的属性</translation>
    </message>
    <message>
        <source>Close gap in %1</source>
        <translation>消除 %1 内的缝隙</translation>
    </message>
    <message>
        <source>Clip overlap, %1 keeps it</source>
        <extracomment>%1 is the grid that keeps an overlapping area</extracomment>
        <translation>裁剪重叠区域，归入 %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridEditSession</name>
    <message>
        <source>No workspace is open.</source>
        <translation>没有打开的工作区。</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridEditTool</name>
    <message>
        <source>A grid needs at least three corners.</source>
        <translation>网格至少需要三个角点。</translation>
    </message>
    <message>
        <source>A line needs at least two points.</source>
        <translation>线至少需要两个点。</translation>
    </message>
    <message>
        <source>Draw the line across a grid to split it.</source>
        <translation>请画一条横穿网格的线来分割网格。</translation>
    </message>
    <message>
        <source>Select the one grid to reshape, then draw the new boundary.</source>
        <translation>请先选择一个要修整边界的网格，再绘制新边界。</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridEditor</name>
    <message>
        <source>Grid editing</source>
        <translation>网格编辑</translation>
    </message>
    <message>
        <source>The grid map cannot be edited: %1</source>
        <translation>无法编辑网格地图：%1</translation>
    </message>
    <message>
        <source>&amp;Edit grids</source>
        <translation>编辑网格(&amp;E)</translation>
    </message>
    <message>
        <source>Edit the boundaries and attributes of the grids in a draft</source>
        <translation>在草稿中编辑网格的边界和属性</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Move vertex</source>
        <translation>移动节点</translation>
    </message>
    <message>
        <source>Add vertex</source>
        <translation>添加节点</translation>
    </message>
    <message>
        <source>Delete vertex</source>
        <translation>删除节点</translation>
    </message>
    <message>
        <source>Reshape</source>
        <translation>修整边界</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>分割</translation>
    </message>
    <message>
        <source>Draw grid</source>
        <translation>绘制网格</translation>
    </message>
    <message>
        <source>Click a grid to select it; shift-click adds or removes one</source>
        <translation>单击网格即选中；按住 Shift 单击可加选或取消选择</translation>
    </message>
    <message>
        <source>Drag a vertex; a vertex shared with neighbours moves for all of them</source>
        <translation>拖动节点；与相邻网格共用的节点在各网格中同步移动</translation>
    </message>
    <message>
        <source>Click an edge to add a vertex there (on both sides of a shared edge)</source>
        <translation>单击边界，在该处添加节点（共用边界两侧的网格同时添加）</translation>
    </message>
    <message>
        <source>Click a vertex to remove it from every grid that has it</source>
        <translation>单击节点，将其从所有含有该节点的网格中删除</translation>
    </message>
    <message>
        <source>Select a grid, then draw its new boundary from one point of it to another; Enter finishes</source>
        <translation>先选择网格，再从其边界上的一点到另一点绘制新边界；按 Enter 完成</translation>
    </message>
    <message>
        <source>Draw a line across a grid; Enter or a double-click splits it</source>
        <translation>画一条横穿网格的线；按 Enter 或双击即分割该网格</translation>
    </message>
    <message>
        <source>Click the corners of a new base grid; Enter or a double-click finishes</source>
        <translation>依次单击新基础网格的各个角点；按 Enter 或双击完成</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>合并(&amp;M)</translation>
    </message>
    <message>
        <source>Merge the selected adjacent grids into the first selected</source>
        <translation>将所选的相邻网格合并到第一个选中的网格中</translation>
    </message>
    <message>
        <source>&amp;Delete grid</source>
        <translation>删除网格(&amp;D)</translation>
    </message>
    <message>
        <source>S&amp;ubdivide…</source>
        <translation>细分(&amp;U)…</translation>
    </message>
    <message>
        <source>Cut the selected base grid into fine grids</source>
        <translation>将所选基础网格细分为精细化网格</translation>
    </message>
    <message>
        <source>&amp;Check topology</source>
        <translation>检查拓扑(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Publish…</source>
        <translation>发布(&amp;P)…</translation>
    </message>
    <message>
        <source>D&amp;iscard draft…</source>
        <translation>放弃草稿(&amp;I)…</translation>
    </message>
    <message>
        <source>Editi&amp;ons…</source>
        <translation>网格版本(&amp;O)…</translation>
    </message>
    <message>
        <source>Back to the &amp;current map</source>
        <translation>返回当前地图(&amp;C)</translation>
    </message>
    <message>
        <source>Grid attributes</source>
        <translation>网格属性</translation>
    </message>
    <message>
        <source>Topology findings</source>
        <translation>拓扑问题</translation>
    </message>
    <message>
        <source>Edit history</source>
        <translation>编辑历史</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>编辑工具(&amp;T)</translation>
    </message>
    <message>
        <source>Open a workspace to edit its grids.</source>
        <translation>请先打开工作区，再编辑其中的网格。</translation>
    </message>
    <message>
        <source>Reading the grid map for editing…</source>
        <translation>正在读取网格地图以供编辑…</translation>
    </message>
    <message numerus="yes">
        <source>Editing the draft of the grid map (%n grids changed so far).</source>
        <translation>
            <numerusform>正在编辑网格地图草稿（目前已变更 %n 个网格）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Editing the grid map; edits collect in a draft until it is published.</source>
        <translation>正在编辑网格地图；所做的修改先保存在草稿中，发布后才生效。</translation>
    </message>
    <message>
        <source>The edited map cannot be drawn: %1</source>
        <translation>无法绘制编辑后的地图：%1</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <extracomment>%1 names the edit to undo, e.g. &quot;Move vertex&quot;</extracomment>
        <translation>撤销 %1(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>重做 %1(&amp;R)</translation>
    </message>
    <message>
        <source>Publish the draft as a new edition of the grid map</source>
        <translation>将草稿发布为网格地图的新版本</translation>
    </message>
    <message>
        <source>Editions are published by a supervisor or a leader; run as one to publish</source>
        <translation>网格版本须由监督员或领导发布；请切换为其中一种身份后再发布</translation>
    </message>
    <message>
        <source>Select one base grid to subdivide.</source>
        <translation>请选择一个要细分的基础网格。</translation>
    </message>
    <message>
        <source>Editions are published by a supervisor or a leader.</source>
        <translation>网格版本须由监督员或领导发布。</translation>
    </message>
    <message>
        <source>The draft has no edits to publish.</source>
        <translation>草稿中没有可发布的修改。</translation>
    </message>
    <message>
        <source>The impact of publishing cannot be worked out: %1</source>
        <translation>无法评估发布的影响：%1</translation>
    </message>
    <message numerus="yes">
        <source>Edition %1 published with %n changed grids.</source>
        <extracomment>%1 is the number of the edition, %n how many grids it changed</extracomment>
        <translation>
            <numerusform>第 %1 版已发布，变更了 %n 个网格。</numerusform>
        </translation>
    </message>
    <message>
        <source>The draft has no edits to discard.</source>
        <translation>草稿中没有可放弃的修改。</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>放弃草稿</translation>
    </message>
    <message>
        <source>The draft was not discarded: %1</source>
        <translation>未能放弃草稿：%1</translation>
    </message>
    <message>
        <source>Draft discarded; the map is the published edition again.</source>
        <translation>已放弃草稿；地图已恢复为已发布的版本。</translation>
    </message>
    <message>
        <source>The editions cannot be read: %1</source>
        <translation>无法读取网格版本：%1</translation>
    </message>
    <message>
        <source>Edition %1 cannot be read: %2</source>
        <translation>无法读取第 %1 版：%2</translation>
    </message>
    <message>
        <source>Edition %1 cannot be drawn: %2</source>
        <translation>无法绘制第 %1 版：%2</translation>
    </message>
    <message>
        <source>Showing edition %1 of the grid map, read-only; Map → Back to the current map returns.</source>
        <translation>正在以只读方式显示网格地图第 %1 版；选择“地图 → 返回当前地图”即可返回。</translation>
    </message>
    <message numerus="yes">
        <source>Throw away the draft&apos;s changes to %n grid(s)? The grid map goes back to the published edition; this cannot be undone.</source>
        <translation>
            <numerusform>放弃草稿中对 %n 个网格的修改吗？网格地图将恢复为已发布的版本，此操作无法撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>(draft when editing began)</source>
        <translation>（开始编辑时的草稿）</translation>
    </message>
    <message>
        <source>&amp;Import grids into the draft…</source>
        <translation>导入网格到草稿(&amp;I)…</translation>
    </message>
    <message>
        <source>E&amp;xport grids…</source>
        <translation>导出网格(&amp;X)…</translation>
    </message>
    <message>
        <source>Import grids</source>
        <translation>导入网格</translation>
    </message>
    <message>
        <source>Grid files (*.gpkg *.shp *.geojson *.json *.kml *.csv);;All files (*)</source>
        <translation>网格文件 (*.gpkg *.shp *.geojson *.json *.kml *.csv);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <source>%n grid(s) of %1 brought into the draft; Undo takes them out again.</source>
        <extracomment>%1 is a file name</extracomment>
        <translation>
            <numerusform>已将 %1 中的 %n 个网格导入草稿；撤销即可移除。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n grid(s) written to %1 (%2).</source>
        <extracomment>%1 is a file name, %2 its coordinate system</extracomment>
        <translation>
            <numerusform>已将 %n 个网格写入 %1（%2）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The draft has no grids of this level to export.</source>
        <translation>草稿中没有该层级的网格可导出。</translation>
    </message>
    <message>
        <source>Every grid in %1 is in the draft as it is already; nothing changed.</source>
        <translation>%1 中的网格与草稿完全相同，未作任何更改。</translation>
    </message>
    <message>
        <source>The draft went to the server, which publishes it once its topology checks pass; the edition comes back with the next sync.</source>
        <translation>草稿已发往服务器，服务器在拓扑检查通过后发布；新版本将随下次同步返回。</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridExport</name>
    <message>
        <source>no details from GDAL</source>
        <translation>GDAL 未提供详细信息</translation>
    </message>
    <message>
        <source>Grids can be exported in UTF-8 or GBK, not &quot;%1&quot;.</source>
        <translation>网格只能以 UTF-8 或 GBK 编码导出，不支持“%1”。</translation>
    </message>
    <message>
        <source>%1 files are always UTF-8; only shapefiles can be written in GBK.</source>
        <translation>%1 文件始终采用 UTF-8 编码；只有 Shapefile 可以用 GBK 编码导出。</translation>
    </message>
    <message>
        <source>The coordinate system &quot;%1&quot; is not known; give an EPSG code such as EPSG:4490, a PROJ string or WKT.</source>
        <translation>无法识别坐标系“%1”；请给出 EPSG 代码（例如 EPSG:4490）、PROJ 字符串或 WKT。</translation>
    </message>
    <message>
        <source>The coordinate system &quot;%1&quot; is neither geographic nor projected; grids need one of those.</source>
        <translation>坐标系“%1”既不是地理坐标系，也不是投影坐标系；网格须采用二者之一。</translation>
    </message>
    <message>
        <source>KML holds WGS84 longitude/latitude only, not %1; export KML without a CRS or with EPSG:4326.</source>
        <translation>KML 只能存放 WGS84 经纬度，不能使用 %1；导出 KML 时请不指定坐标系，或指定 EPSG:4326。</translation>
    </message>
    <message>
        <source>No conversion from WGS84 to %1 is known: %2</source>
        <translation>没有从 WGS84 到 %1 的可用坐标转换：%2</translation>
    </message>
    <message>
        <source>%1 is a folder; give the file to write.</source>
        <translation>%1 是文件夹；请指定要写入的文件。</translation>
    </message>
    <message>
        <source>%1 cannot be written: the folder %2 does not exist.</source>
        <translation>无法写入 %1：文件夹 %2 不存在。</translation>
    </message>
    <message>
        <source>%1 already exists; choose another name or allow overwriting (--overwrite).</source>
        <translation>%1 已存在；请换一个文件名，或允许覆盖（--overwrite）。</translation>
    </message>
    <message>
        <source>%1: the layer could not be created: %2</source>
        <translation>%1：无法创建图层：%2</translation>
    </message>
    <message>
        <source>%1: the field %2 could not be created: %3</source>
        <translation>%1：无法创建字段 %2：%3</translation>
    </message>
    <message>
        <source>the grid has no boundary.</source>
        <translation>该网格没有边界。</translation>
    </message>
    <message>
        <source>the boundary is not readable WKB.</source>
        <translation>边界不是可读取的 WKB。</translation>
    </message>
    <message>
        <source>the boundary is not a polygon.</source>
        <translation>边界不是多边形。</translation>
    </message>
    <message>
        <source>the boundary cannot be converted to %1 (it may lie outside the area the coordinate system covers): %2</source>
        <translation>边界无法转换到 %1（可能超出了该坐标系的适用范围）：%2</translation>
    </message>
    <message>
        <source>%1, grid %2</source>
        <translation>%1，网格 %2</translation>
    </message>
    <message>
        <source>%1: could not be written: %2</source>
        <translation>%1：写入失败：%2</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>%1 could not be put in place: %2</source>
        <translation>无法将 %1 移到目标位置：%2</translation>
    </message>
    <message>
        <source>%1: the layer_styles table could not be created: %2</source>
        <translation>%1：无法创建 layer_styles 表：%2</translation>
    </message>
    <message>
        <source>%1: the layer_styles column %2 could not be created: %3</source>
        <translation>%1：无法创建 layer_styles 表的 %2 列：%3</translation>
    </message>
    <message>
        <source>%1: the layer style could not be written: %2</source>
        <translation>%1：无法写入图层样式：%2</translation>
    </message>
    <message>
        <source>%1: the format cannot be told from the extension; use .gpkg, .shp, .geojson, .json or .kml.</source>
        <translation>%1：无法根据扩展名判断格式；请使用 .gpkg、.shp、.geojson、.json 或 .kml。</translation>
    </message>
    <message>
        <source>GDAL has no %1 driver on this system.</source>
        <translation>本系统的 GDAL 没有 %1 驱动。</translation>
    </message>
    <message>
        <source>%1 could not be created: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <source>The encoding %1 is not available on this system.</source>
        <translation>本系统不支持编码 %1。</translation>
    </message>
    <message>
        <source>%1 could not be completed: %2</source>
        <translation>无法完成 %1 的写入：%2</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>the field %1 holds &quot;%2&quot;, with characters that GBK cannot hold; export in UTF-8.</source>
        <translation>字段 %1 的内容“%2”含有 GBK 无法表示的字符；请以 UTF-8 导出。</translation>
    </message>
    <message>
        <source>the field %1 is %2 bytes long; a shapefile field holds %3 bytes.</source>
        <translation>字段 %1 长 %2 字节，而 Shapefile 字段最多容纳 %3 字节。</translation>
    </message>
    <message>
        <source>%1 is a folder; an export does not replace folders.</source>
        <translation>%1 是文件夹；导出不会替换文件夹。</translation>
    </message>
    <message>
        <source>%1 could not be replaced: %2</source>
        <translation>无法替换 %1：%2</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridImporter</name>
    <message>
        <source>%1 has no field &quot;%2&quot; (given with %3); its fields are: %4.</source>
        <translation>%1 没有字段“%2”（由 %3 指定）；其字段为：%4。</translation>
    </message>
    <message>
        <source>%1, feature %2</source>
        <translation>%1，第 %2 个要素</translation>
    </message>
    <message>
        <source>%1: the code field &quot;%2&quot; is empty.</source>
        <translation>%1：编码字段“%2”为空。</translation>
    </message>
    <message>
        <source>%1: the code %2 is already used by feature %3.</source>
        <translation>%1：编码 %2 已被第 %3 个要素使用。</translation>
    </message>
    <message>
        <source>%1: the geometry is a %2; grids must be polygons.</source>
        <translation>%1：几何类型为 %2；网格必须是多边形。</translation>
    </message>
    <message>
        <source>no code</source>
        <translation>无编码</translation>
    </message>
    <message>
        <source>%1 (%2): invalid polygon: %3.</source>
        <translation>%1（%2）：无效多边形：%3。</translation>
    </message>
    <message>
        <source>%1 (%2): repaired %3.</source>
        <translation>%1（%2）：已修复 %3。</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more problem(s).</source>
        <translation>
            <numerusform>……另有 %n 个问题。</numerusform>
        </translation>
    </message>
    <message>
        <source>
Invalid polygons can be mended on import with --repair-invalid.</source>
        <translation>
导入时可用 --repair-invalid 修复无效多边形。</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) of %1 cannot be imported, so nothing was imported:
%2</source>
        <translation>
            <numerusform>%1 中有 %n 个要素无法导入，因此未导入任何内容：
%2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, feature %2: the parent grid %3 is neither in the workspace nor in the file; import the parent level first.</source>
        <translation>%1，第 %2 个要素：上级网格 %3 既不在工作区中也不在文件中；请先导入上级层级。</translation>
    </message>
    <message>
        <source>%1, feature %2: the code %3 already belongs to a %4 grid in the workspace; codes must be unique across levels.</source>
        <translation>%1，第 %2 个要素：编码 %3 已属于工作区中的一个 %4 级网格；编码在各层级之间必须唯一。</translation>
    </message>
    <message>
        <source>%1, feature %2: the grid %3 names itself as its parent.</source>
        <translation>%1，第 %2 个要素：网格 %3 把自己列为上级网格。</translation>
    </message>
    <message numerus="yes">
        <source>%n parent(s) found by containment.</source>
        <translation>
            <numerusform>按空间包含关系找到 %n 个上级网格。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) assigned to a new grid.</source>
        <translation>
            <numerusform>%n 件案件归入了新的网格。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, feature %2: the parent grid %3 is a %4 grid; a %5 grid must have a parent of a coarser level.</source>
        <translation>%1，第 %2 个要素：上级网格 %3 是 %4 层级；%5 层级的网格必须以更上一级的网格为上级。</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridLevel</name>
    <message>
        <source>District grid</source>
        <translation>区县网格</translation>
    </message>
    <message>
        <source>Street grid</source>
        <translation>街道网格</translation>
    </message>
    <message>
        <source>Community grid</source>
        <translation>社区网格</translation>
    </message>
    <message>
        <source>Base grid</source>
        <translation>基础网格</translation>
    </message>
    <message>
        <source>Fine grid</source>
        <translation>精细化网格</translation>
    </message>
    <message>
        <source>Business grid</source>
        <translation>专业网格</translation>
    </message>
</context>
<context>
    <name>GridDesk::GridLocator</name>
    <message>
        <source>grid %1</source>
        <translation>网格 %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::GroupDialog</name>
    <message>
        <source>Set up group</source>
        <translation>设立小组</translation>
    </message>
    <message>
        <source>Edit group</source>
        <translation>编辑小组</translation>
    </message>
    <message>
        <source>Set up by:</source>
        <translation>设立单位：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Remit:</source>
        <translation>职责(&amp;R)：</translation>
    </message>
    <message>
        <source>Member &amp;units:</source>
        <translation>成员单位(&amp;U)：</translation>
    </message>
    <message>
        <source>Member &amp;people:</source>
        <translation>成员人员(&amp;P)：</translation>
    </message>
    <message>
        <source>%1 — %2, %3</source>
        <extracomment>%1 is a person&apos;s name, %2 their post, %3 their unit&apos;s code</extracomment>
        <translation>%1 — %2，%3</translation>
    </message>
</context>
<context>
    <name>GridDesk::HistoryBuilder</name>
    <message>
        <source>Cancelled in the %1 feed (status &quot;%2&quot;).</source>
        <translation>已在 %1 数据源中撤销（状态为“%2”）。</translation>
    </message>
    <message>
        <source>Referred to another agency (status &quot;%1&quot; in the feed).</source>
        <translation>已转交其他部门（数据源中的状态为“%1”）。</translation>
    </message>
    <message>
        <source>Serviced by crew %1 of %2; the feed records no result.</source>
        <translation>由 %2 的 %1 班组处置；数据源未记录处置结果。</translation>
    </message>
    <message>
        <source>Handled by %1; the feed records no result.</source>
        <translation>由 %1 处置；数据源未记录处置结果。</translation>
    </message>
</context>
<context>
    <name>GridDesk::HistoryImport</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1失败：%2</translation>
    </message>
    <message>
        <source>Reading the last case id</source>
        <translation>读取最大的案件编号</translation>
    </message>
    <message>
        <source>Counting case events</source>
        <translation>统计案件办理记录</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>%1 is a case&apos;s id in the imported file, %2 why a step of its history was refused</extracomment>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n case history(ies) stop early because the workflow refused a step (first: %1).</source>
        <translation>
            <numerusform>%n 件案件的办理记录提前中止，因为流程拒绝了其中一步（第一个：%1）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) already had a history that differs from what the file says; it was kept as it was.</source>
        <translation>
            <numerusform>%n 件案件已有与文件不一致的办理记录；已保留原有记录。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) have no readable creation time: their history starts at the first time the file gives, or at the time of this import.</source>
        <translation>
            <numerusform>%n 件案件没有可读的创建时间：其办理记录从文件给出的第一个时间开始，或从本次导入的时间开始。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::ImportGridsDialog</name>
    <message>
        <source>&amp;Mend invalid polygons instead of refusing the file</source>
        <translation>修复无效多边形，而不是拒绝该文件(&amp;M)</translation>
    </message>
    <message>
        <source>Import grids into the draft</source>
        <translation>导入网格到草稿</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>As the file says, or detected</source>
        <translation>按文件声明或自动检测</translation>
    </message>
    <message>
        <source>as the file says (EPSG:4490, gcj02 … when it does not)</source>
        <translation>按文件声明（文件未声明时填写 EPSG:4490、gcj02 等）</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>层级(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Codes in:</source>
        <translation>编码字段(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Names in:</source>
        <translation>名称字段(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Parents in:</source>
        <translation>上级字段(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>编码(&amp;E)：</translation>
    </message>
    <message>
        <source>Coordinate &amp;system:</source>
        <translation>坐标系(&amp;S)：</translation>
    </message>
    <message>
        <source>The grids go into the draft as one edit that can be undone; grids with codes the map has replace them.</source>
        <translation>这些网格将作为一次可撤销的编辑进入草稿；编码已存在的网格将被替换。</translation>
    </message>
    <message>
        <source>(make codes from the parent&apos;s)</source>
        <translation>（按上级编码生成）</translation>
    </message>
    <message>
        <source>(the code)</source>
        <translation>（使用编码）</translation>
    </message>
    <message>
        <source>(the grid around it)</source>
        <translation>（包含它的网格）</translation>
    </message>
    <message>
        <source>Import grids</source>
        <translation>导入网格</translation>
    </message>
    <message>
        <source>Grid files (*.gpkg *.shp *.geojson *.json *.kml *.csv);;All files (*)</source>
        <translation>网格文件 (*.gpkg *.shp *.geojson *.json *.kml *.csv);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>GridDesk::ImportSummary</name>
    <message>
        <source>read %1, imported %2, located %3, unlocated %4, flagged %5</source>
        <translation>读取 %1，导入 %2，已定位 %3，未定位 %4，已标记 %5</translation>
    </message>
    <message>
        <source>read %1, imported %2, located %3, unlocated %4, flagged %5, %6 events in %7 case histories</source>
        <translation>读取 %1，导入 %2，已定位 %3，未定位 %4，已标记 %5，%7 件案件的办理记录共 %6 条</translation>
    </message>
</context>
<context>
    <name>GridDesk::IndicatorMap</name>
    <message>
        <source>The indicator the grids are coloured by</source>
        <translation>网格着色所依据的指标</translation>
    </message>
    <message>
        <source>Click a grid to open the cases behind its number in the queue</source>
        <translation>点击网格，在案件队列中打开其数值背后的案件</translation>
    </message>
    <message>
        <source>%1, grid %2</source>
        <extracomment>%1 is an indicator, %2 a grid code</extracomment>
        <translation>%1，网格 %2</translation>
    </message>
</context>
<context>
    <name>GridDesk::Intake</name>
    <message>
        <source>The alarm has %1 bytes; at most %2 are taken.</source>
        <translation>告警有 %1 字节；最多接收 %2 字节。</translation>
    </message>
    <message>
        <source>An alarm is sent as application/json, not %1.</source>
        <translation>告警应以 application/json 发送，而不是 %1。</translation>
    </message>
    <message>
        <source>The server could not keep the alarm; send it again.</source>
        <translation>服务器未能保存该告警；请重新发送。</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1失败：%2</translation>
    </message>
    <message>
        <source>The alarm has no &quot;%1&quot;.</source>
        <translation>告警缺少“%1”。</translation>
    </message>
    <message>
        <source>The alarm&apos;s &quot;%1&quot; must be a string.</source>
        <translation>告警的“%1”须为字符串。</translation>
    </message>
    <message>
        <source>The alarm&apos;s &quot;%1&quot; is empty.</source>
        <translation>告警的“%1”为空。</translation>
    </message>
    <message>
        <source>An intake client needs a name.</source>
        <translation>接入客户端需要名称。</translation>
    </message>
    <message>
        <source>The client name &quot;%1&quot; is too long, starts or ends with a space, or holds control characters.</source>
        <translation>客户端名称“%1”太长、以空格开头或结尾，或含有控制字符。</translation>
    </message>
    <message>
        <source>The hotline feed is read from files and needs no client; clients are for open311 and alarm.</source>
        <translation>热线数据从文件读取，无需客户端；客户端只用于 open311 和 alarm。</translation>
    </message>
    <message>
        <source>The unit %1 is not in the server&apos;s org chart.</source>
        <translation>服务器的组织架构中没有单位 %1。</translation>
    </message>
    <message>
        <source>Looking up the client</source>
        <translation>查找客户端</translation>
    </message>
    <message>
        <source>There is already an intake client named %1.</source>
        <translation>已有名为 %1 的接入客户端。</translation>
    </message>
    <message>
        <source>Adding the client %1</source>
        <translation>添加客户端 %1</translation>
    </message>
    <message>
        <source>Revoking the client %1</source>
        <translation>吊销客户端 %1</translation>
    </message>
    <message>
        <source>There is no intake client named %1 whose key still works.</source>
        <translation>没有名为 %1 且密钥仍有效的接入客户端。</translation>
    </message>
    <message>
        <source>Reading the intake clients</source>
        <translation>读取接入客户端</translation>
    </message>
    <message>
        <source>The API key is missing, unknown or revoked.</source>
        <translation>API 密钥缺失、未知或已吊销。</translation>
    </message>
    <message>
        <source>Checking an API key</source>
        <translation>核对 API 密钥</translation>
    </message>
    <message>
        <source>Numbering a report</source>
        <translation>为上报编号</translation>
    </message>
    <message>
        <source>Numbering a report failed.</source>
        <translation>为上报编号失败。</translation>
    </message>
    <message numerus="yes">
        <source>The description is too long: at most %n characters.</source>
        <translation>
            <numerusform>描述太长：最多 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>The location %1, %2 is not a WGS84 longitude and latitude.</source>
        <translation>位置 %1, %2 不是 WGS84 经纬度。</translation>
    </message>
    <message>
        <source>There is no category %1.</source>
        <translation>没有类别 %1。</translation>
    </message>
    <message>
        <source>The report&apos;s id is too long.</source>
        <translation>上报的编号太长。</translation>
    </message>
    <message>
        <source>The alarm is not JSON: %1 at byte %2.</source>
        <translation>告警不是 JSON：第 %2 字节处%1。</translation>
    </message>
    <message>
        <source>The alarm must be a JSON object.</source>
        <translation>告警须为 JSON 对象。</translation>
    </message>
    <message>
        <source>The alarm&apos;s device_id and type must be at most %1 characters without control characters.</source>
        <translation>告警的 device_id 和 type 最多 %1 个字符，且不得含控制字符。</translation>
    </message>
    <message>
        <source>The alarm&apos;s &quot;level&quot; must be a whole number from 1 to 4.</source>
        <translation>告警的“level”须为 1 到 4 的整数。</translation>
    </message>
    <message>
        <source>The alarm&apos;s &quot;location&quot; must be {&quot;lon&quot;: number, &quot;lat&quot;: number} in WGS84.</source>
        <translation>告警的“location”须为 WGS84 的 {&quot;lon&quot;: 数字, &quot;lat&quot;: 数字}。</translation>
    </message>
    <message>
        <source>The alarm&apos;s location %1, %2 is not a WGS84 longitude and latitude.</source>
        <translation>告警的位置 %1, %2 不是 WGS84 经纬度。</translation>
    </message>
    <message>
        <source>The alarm&apos;s &quot;time&quot; must be an ISO 8601 time with its offset, such as 2026-12-05T08:30:00+08:00, not &quot;%1&quot;.</source>
        <translation>告警的“time”须为带时区偏移的 ISO 8601 时间，如 2026-12-05T08:30:00+08:00，而不是“%1”。</translation>
    </message>
    <message>
        <source>The alarm&apos;s time lies more than a day ahead of the server&apos;s clock.</source>
        <translation>告警时间比服务器时钟超前一天以上。</translation>
    </message>
    <message>
        <source>The alarm&apos;s &quot;snapshot_url&quot; must be an http or https address.</source>
        <translation>告警的“snapshot_url”须为 http 或 https 地址。</translation>
    </message>
    <message>
        <source>The alarm&apos;s &quot;kind&quot; is video or sensor, not &quot;%1&quot;.</source>
        <translation>告警的“kind”须为 video 或 sensor，而不是“%1”。</translation>
    </message>
    <message>
        <source>The alarm&apos;s &quot;image&quot; must be {&quot;type&quot;: &quot;image/jpeg&quot; or &quot;image/png&quot;, &quot;base64&quot;: the picture}.</source>
        <translation>告警的“image”须为 {&quot;type&quot;: &quot;image/jpeg&quot; 或 &quot;image/png&quot;, &quot;base64&quot;: 图片}。</translation>
    </message>
    <message>
        <source>The alarm&apos;s image is not base64.</source>
        <translation>告警的图片不是 base64。</translation>
    </message>
    <message>
        <source>The alarm&apos;s image is too large: at most %1.</source>
        <translation>告警的图片太大：最多 %1。</translation>
    </message>
    <message>
        <source>The alarm&apos;s image is not the %1 it says it is.</source>
        <translation>告警的图片并非其声称的 %1。</translation>
    </message>
    <message numerus="yes">
        <source>The alarm&apos;s description is too long: at most %n characters.</source>
        <translation>
            <numerusform>告警的描述太长：最多 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>The device %1 is not in the register of things; register it (its code is the device id) before it sends alarms.</source>
        <translation>设备 %1 不在物件台账中；请先登记（编码即设备编号），再让它发送告警。</translation>
    </message>
    <message>
        <source>The device %1 has no place in the register and the alarm gives none.</source>
        <translation>设备 %1 在台账中没有位置，告警也未给出位置。</translation>
    </message>
    <message>
        <source>Looking up the device&apos;s open alarm</source>
        <translation>查找设备未结的告警</translation>
    </message>
    <message>
        <source>Alarm %1 (level %2) from %3 %4</source>
        <translation>告警 %1（%2 级），来自 %3 %4</translation>
    </message>
    <message>
        <source>Keeping the device&apos;s open alarm</source>
        <translation>记录设备未结的告警</translation>
    </message>
    <message>
        <source>Counting the device&apos;s alarm</source>
        <translation>统计设备的告警</translation>
    </message>
    <message>
        <source>Counting a refused %1 payload</source>
        <translation>统计被拒收的 %1 报文</translation>
    </message>
    <message>
        <source>Reading the refused payloads</source>
        <translation>读取被拒收的报文</translation>
    </message>
    <message>
        <source>The form has more than %1 fields.</source>
        <translation>表单字段超过 %1 个。</translation>
    </message>
    <message>
        <source>The body is not a form (application/x-www-form-urlencoded): a part has no &quot;name=value&quot;.</source>
        <translation>请求体不是表单（application/x-www-form-urlencoded）：有一段不是“名称=值”。</translation>
    </message>
    <message>
        <source>The form is not UTF-8 text.</source>
        <translation>表单不是 UTF-8 文本。</translation>
    </message>
    <message>
        <source>The body holds no form fields.</source>
        <translation>请求体中没有表单字段。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a WGS84 degree from -%2 to %2.</source>
        <translation>“%1”须为 -%2 到 %2 之间的 WGS84 度数。</translation>
    </message>
    <message>
        <source>&quot;lat&quot; and &quot;long&quot; are given together.</source>
        <translation>“lat”和“long”须同时给出。</translation>
    </message>
    <message>
        <source>A service request needs a location: &quot;lat&quot; and &quot;long&quot;, &quot;address_string&quot; or &quot;address_id&quot;.</source>
        <translation>服务请求需要位置：“lat”和“long”、“address_string”或“address_id”。</translation>
    </message>
    <message>
        <source>&quot;media_url&quot; must be an http or https address.</source>
        <translation>“media_url”须为 http 或 https 地址。</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; is given twice.</source>
        <translation>字段“%1”重复给出。</translation>
    </message>
    <message numerus="yes">
        <source>&quot;%1&quot; has more than %n characters.</source>
        <translation>
            <numerusform>“%1”超过 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>An attribute code is too long.</source>
        <translation>属性代码太长。</translation>
    </message>
    <message>
        <source>The attribute &quot;%1&quot; is given twice; several values are sent as attribute[%1][]=….</source>
        <translation>属性“%1”重复给出；多个值应以 attribute[%1][]=… 发送。</translation>
    </message>
    <message>
        <source>The attribute &quot;%1&quot; has too many values.</source>
        <translation>属性“%1”的值太多。</translation>
    </message>
    <message numerus="yes">
        <source>A value of the attribute &quot;%1&quot; has more than %n characters.</source>
        <translation>
            <numerusform>属性“%1”的某个值超过 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>Attribute %1: %2</source>
        <translation>属性 %1：%2</translation>
    </message>
    <message>
        <source>&quot;code&quot; must be a text of 1 to %1 characters.</source>
        <translation>“code”须为 1 到 %1 个字符的文本。</translation>
    </message>
    <message>
        <source>&quot;datatype&quot; is string, number, datetime, text, singlevaluelist or multivaluelist.</source>
        <translation>“datatype”须为 string、number、datetime、text、singlevaluelist 或 multivaluelist。</translation>
    </message>
    <message>
        <source>&quot;order&quot; must be a whole number from 1.</source>
        <translation>“order”须为从 1 起的整数。</translation>
    </message>
    <message>
        <source>a list attribute needs &quot;values&quot;, [{&quot;key&quot;: …, &quot;name&quot;: …}].</source>
        <translation>列表属性需要“values”，即 [{&quot;key&quot;: …, &quot;name&quot;: …}]。</translation>
    </message>
    <message>
        <source>every value needs a &quot;key&quot; of its own.</source>
        <translation>每个值都需要各自的“key”。</translation>
    </message>
    <message>
        <source>The attribute &quot;%1&quot; %2</source>
        <translation>属性“%1”%2</translation>
    </message>
    <message>
        <source>takes one value.</source>
        <translation>只接受一个值。</translation>
    </message>
    <message numerus="yes">
        <source>takes at most %n characters.</source>
        <translation>
            <numerusform>最多接受 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>takes a number, such as 12 or 3.5.</source>
        <translation>须为数字，如 12 或 3.5。</translation>
    </message>
    <message>
        <source>takes a date and time with its offset, such as 2026-12-05T08:30:00+08:00.</source>
        <translation>须为带时区偏移的日期时间，如 2026-12-05T08:30:00+08:00。</translation>
    </message>
    <message>
        <source>has no choice &quot;%1&quot;.</source>
        <translation>没有选项“%1”。</translation>
    </message>
    <message>
        <source>The service settings must be a JSON object {&quot;attributes&quot;: […]} or a list of attributes.</source>
        <translation>服务设置须为 JSON 对象 {&quot;attributes&quot;: […]} 或属性列表。</translation>
    </message>
    <message>
        <source>Two attributes have the code %1.</source>
        <translation>有两个属性的代码都是 %1。</translation>
    </message>
    <message>
        <source>An attribute is sent as attribute[CODE]=value or attribute[CODE][]=value.</source>
        <translation>属性应以 attribute[代码]=值 或 attribute[代码][]=值 发送。</translation>
    </message>
    <message>
        <source>A service request needs a &quot;service_code&quot;.</source>
        <translation>服务请求需要“service_code”。</translation>
    </message>
    <message>
        <source>The service %1 asks for no attribute &quot;%2&quot;.</source>
        <translation>服务 %1 不要求属性“%2”。</translation>
    </message>
    <message>
        <source>The service %1 needs the attribute &quot;%2&quot; (%3).</source>
        <translation>服务 %1 需要属性“%2”（%3）。</translation>
    </message>
    <message>
        <source>A query lists at most %1 service_request_id and %2 service_code.</source>
        <translation>一次查询最多列出 %1 个 service_request_id 和 %2 个 service_code。</translation>
    </message>
    <message>
        <source>&quot;status&quot; is open, closed or both, comma-separated.</source>
        <translation>“status”须为 open、closed 或二者（以逗号分隔）。</translation>
    </message>
    <message>
        <source>&quot;start_date&quot; and &quot;end_date&quot; are ISO 8601 times with Z or an offset, such as 2026-12-01T00:00:00Z.</source>
        <translation>“start_date”和“end_date”须为带 Z 或时区偏移的 ISO 8601 时间，如 2026-12-01T00:00:00Z。</translation>
    </message>
    <message numerus="yes">
        <source>&quot;start_date&quot; must come before &quot;end_date&quot;, at most %n days before.</source>
        <translation>
            <numerusform>“start_date”须早于“end_date”，且最多早 %n 天。</numerusform>
        </translation>
    </message>
    <message>
        <source>The server could not read or write its store; try again.</source>
        <translation>服务器无法读写其存储；请重试。</translation>
    </message>
    <message>
        <source>There is no Open311 resource %1.</source>
        <translation>没有 Open311 资源 %1。</translation>
    </message>
    <message>
        <source>Ask for %1.json or %1.xml.</source>
        <translation>请请求 %1.json 或 %1.xml。</translation>
    </message>
    <message>
        <source>Service requests are posted to requests.json or requests.xml.</source>
        <translation>服务请求应提交到 requests.json 或 requests.xml。</translation>
    </message>
    <message>
        <source>Post to requests.json or requests.xml.</source>
        <translation>请提交到 requests.json 或 requests.xml。</translation>
    </message>
    <message>
        <source>Ask the administrator of this GridDesk server for an API key of an Open311 client.</source>
        <translation>请向本 GridDesk 服务器的管理员申请 Open311 客户端的 API 密钥。</translation>
    </message>
    <message>
        <source>There is no jurisdiction_id %1 here.</source>
        <translation>这里没有 jurisdiction_id %1。</translation>
    </message>
    <message>
        <source>Ask for services/CODE.json or services/CODE.xml.</source>
        <translation>请请求 services/代码.json 或 services/代码.xml。</translation>
    </message>
    <message>
        <source>There is no service_code %1.</source>
        <translation>没有 service_code %1。</translation>
    </message>
    <message>
        <source>Ask for requests/ID.json or requests/ID.xml.</source>
        <translation>请请求 requests/编号.json 或 requests/编号.xml。</translation>
    </message>
    <message>
        <source>There is no service request %1.</source>
        <translation>没有服务请求 %1。</translation>
    </message>
    <message>
        <source>Looking up Open311 requests</source>
        <translation>查询 Open311 请求</translation>
    </message>
    <message>
        <source>The request has %1 bytes; at most %2 are taken.</source>
        <translation>请求有 %1 字节；最多接收 %2 字节。</translation>
    </message>
    <message>
        <source>A service request is posted as application/x-www-form-urlencoded, not %1.</source>
        <translation>服务请求应以 application/x-www-form-urlencoded 提交，而不是 %1。</translation>
    </message>
    <message>
        <source>The api_key is missing, unknown or revoked.</source>
        <translation>api_key 缺失、未知或已吊销。</translation>
    </message>
    <message>
        <source>This api_key files requests for jurisdiction_id %1, not %2.</source>
        <translation>此 api_key 提交的是 jurisdiction_id %1 的请求，而不是 %2。</translation>
    </message>
    <message>
        <source>There is no service_code %1; services.json lists them.</source>
        <translation>没有 service_code %1；可用服务见 services.json。</translation>
    </message>
    <message>
        <source>The place of this request lies outside the area this api_key files requests for.</source>
        <translation>此请求的位置不在该 api_key 可上报的区域内。</translation>
    </message>
    <message>
        <source>There is no category %1 to offer as an Open311 service.</source>
        <translation>没有类别 %1，无法作为 Open311 服务提供。</translation>
    </message>
    <message>
        <source>Setting the Open311 service %1</source>
        <translation>设置 Open311 服务 %1</translation>
    </message>
    <message>
        <source>Clearing the Open311 service %1</source>
        <translation>清除 Open311 服务 %1</translation>
    </message>
    <message>
        <source>The Open311 service %1 has no settings.</source>
        <translation>Open311 服务 %1 没有设置。</translation>
    </message>
    <message>
        <source>Reading the Open311 services</source>
        <translation>读取 Open311 服务</translation>
    </message>
</context>
<context>
    <name>GridDesk::LayoutBook</name>
    <message>
        <source>No layout is saved as &quot;%1&quot;.</source>
        <translation>没有名为“%1”的布局。</translation>
    </message>
    <message>
        <source>The layout &quot;%1&quot; cannot be read: %2</source>
        <extracomment>%1 is a layout name, %2 what is wrong in it</extracomment>
        <translation>无法读取布局“%1”：%2</translation>
    </message>
    <message>
        <source>A layout needs a name.</source>
        <translation>布局需要一个名称。</translation>
    </message>
    <message>
        <source>A layout is already saved as &quot;%1&quot;; choose another name.</source>
        <translation>已有名为“%1”的布局，请另选名称。</translation>
    </message>
    <message>
        <source>The windows of the last session cannot be read: %1 at character %2</source>
        <extracomment>%1 is the parser&apos;s message, %2 a character offset</extracomment>
        <translation>无法读取上次会话的窗口：%1（第 %2 个字符处）</translation>
    </message>
</context>
<context>
    <name>GridDesk::LayoutsDialog</name>
    <message>
        <source>&amp;Rename…</source>
        <translation>重命名(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Window layouts</source>
        <translation>窗口布局</translation>
    </message>
    <message>
        <source>The first nine layouts are switched to with Ctrl+Alt+1 … Ctrl+Alt+9.</source>
        <translation>前九个布局可用 Ctrl+Alt+1 … Ctrl+Alt+9 切换。</translation>
    </message>
    <message>
        <source>Layout not renamed</source>
        <translation>布局未重命名</translation>
    </message>
    <message>
        <source>Rename layout</source>
        <translation>重命名布局</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Delete layout</source>
        <translation>删除布局</translation>
    </message>
    <message>
        <source>Delete the layout &quot;%1&quot;?</source>
        <translation>删除布局“%1”？</translation>
    </message>
</context>
<context>
    <name>GridDesk::MainWindow</name>
    <message>
        <source>Case queue</source>
        <translation>案件队列</translation>
    </message>
    <message>
        <source>GridDesk</source>
        <translation>GridDesk 网格指挥台</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;New workspace from sample</source>
        <translation>从示例新建工作区(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom to &amp;full extent</source>
        <translation>缩放到全图(&amp;F)</translation>
    </message>
    <message>
        <source>Zoom to &amp;selection</source>
        <translation>缩放到所选(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Go to grid…</source>
        <translation>转到网格(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About GridDesk</source>
        <translation>关于 GridDesk(&amp;A)</translation>
    </message>
    <message>
        <source>Go to grid</source>
        <translation>转到网格</translation>
    </message>
    <message>
        <source>Grid code or name:</source>
        <translation>网格编码或名称：</translation>
    </message>
    <message>
        <source>No grid has the code or name &quot;%1&quot;.</source>
        <translation>没有编码或名称为“%1”的网格。</translation>
    </message>
    <message>
        <source>No samples found in %1</source>
        <translation>%1 中没有示例</translation>
    </message>
    <message>
        <source>Another workspace is still loading.</source>
        <translation>另一个工作区仍在加载中。</translation>
    </message>
    <message>
        <source>Creating workspace %1 from the bundled sample…</source>
        <translation>正在从内置示例创建工作区 %1…</translation>
    </message>
    <message>
        <source>Opening workspace %1…</source>
        <translation>正在打开工作区 %1…</translation>
    </message>
    <message>
        <source>%1 — GridDesk</source>
        <extracomment>%1 is the workspace title, e.g. &quot;New York City&quot;</extracomment>
        <translation>%1 — GridDesk</translation>
    </message>
    <message>
        <source>%1 grids · %2 cases · %3 with a location</source>
        <translation>%1 个网格 · %2 件案件 · %3 件有位置</translation>
    </message>
    <message>
        <source>Sample imported: %1 grids, %2 cases (%3 in a grid, %4 without one, %5 flagged for review).</source>
        <extracomment>%1 grids, %2 cases, %3 cases in a grid, %4 without one, %5 flagged</extracomment>
        <translation>示例已导入：%1 个网格，%2 件案件（%3 件落在网格内，%4 件无网格，%5 件已标记待核查）。</translation>
    </message>
    <message>
        <source>Workspace not opened</source>
        <translation>未打开工作区</translation>
    </message>
    <message>
        <source>The workspace could not be opened.</source>
        <translation>无法打开工作区。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1 is a grid name, %2 its code</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>GridDesk workspaces (*.gpkg)</source>
        <translation>GridDesk 工作区 (*.gpkg)</translation>
    </message>
    <message>
        <source>New workspace from sample</source>
        <translation>从示例新建工作区</translation>
    </message>
    <message>
        <source>New workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <source>%1 is open now; choose another file.</source>
        <translation>%1 正在使用中；请选择其他文件。</translation>
    </message>
    <message>
        <source>&lt;h3&gt;GridDesk %1&lt;/h3&gt;&lt;p&gt;Workstation for city grid governance.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;GridDesk %1&lt;/h3&gt;&lt;p&gt;市域网格化治理指挥调度工作台。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About GridDesk</source>
        <translation>关于 GridDesk</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Case actions</source>
        <translation>案件操作</translation>
    </message>
    <message>
        <source>&amp;Find in queue</source>
        <translation>在队列中查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>队列(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation>案件(&amp;C)</translation>
    </message>
    <message>
        <source>Not acting as anyone – choose a user</source>
        <translation>未选择操作身份——请选择用户</translation>
    </message>
    <message>
        <source>Acting as %1 (%2)</source>
        <extracomment>%1 is a person, %2 their role, %3 their unit, as shown in the status bar</extracomment>
        <translation>当前身份：%1（%2）</translation>
    </message>
    <message>
        <source>Acting as %1 (%2, %3)</source>
        <translation>当前身份：%1（%2，%3）</translation>
    </message>
    <message>
        <source>Who the desk acts as; click to run as someone else</source>
        <translation>工作台当前的操作身份；点击可切换为其他用户</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Workflow setup…</source>
        <translation>流程设置(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Map</source>
        <translation>地图(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Organisation</source>
        <translation>组织(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Org chart…</source>
        <translation>组织架构(&amp;O)…</translation>
    </message>
    <message>
        <source>Org chart</source>
        <translation>组织架构</translation>
    </message>
    <message>
        <source>The org chart of this workspace cannot be opened: %1</source>
        <translation>无法打开本工作区的组织架构：%1</translation>
    </message>
    <message>
        <source>The desk still works with the units it had: %1</source>
        <translation>工作台仍使用原有单位：%1</translation>
    </message>
    <message>
        <source>The desk works with the saved org chart.</source>
        <translation>工作台已改用保存后的组织架构。</translation>
    </message>
    <message>
        <source>&amp;Standard system…</source>
        <translation>标准体系(&amp;S)…</translation>
    </message>
    <message>
        <source>Standard system</source>
        <translation>标准体系</translation>
    </message>
    <message>
        <source>The standards tree of this workspace cannot be opened: %1</source>
        <translation>无法打开本工作区的标准体系：%1</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>同步(&amp;S)</translation>
    </message>
    <message numerus="yes">
        <source>%n new grid edition(s) came from the server; the map shows them now.</source>
        <extracomment>%n is how many grid editions came from the server</extracomment>
        <translation>
            <numerusform>服务器发来 %n 个新网格版本；地图现已显示。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Evaluation…</source>
        <translation>评价(&amp;E)…</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>The evaluation of this workspace cannot be opened: %1</source>
        <translation>无法打开本工作区的评价：%1</translation>
    </message>
    <message>
        <source>Grid register</source>
        <translation>网格台账</translation>
    </message>
    <message>
        <source>Revision %1 of the org chart came from the server; the desk works with it now.</source>
        <extracomment>%1 is the server&apos;s revision number of the org chart</extracomment>
        <translation>已从服务器收到组织架构第 %1 版；工作台现按此版工作。</translation>
    </message>
    <message>
        <source>&amp;Patrols…</source>
        <translation>巡查(&amp;P)…</translation>
    </message>
    <message>
        <source>Patrols</source>
        <translation>巡查</translation>
    </message>
    <message>
        <source>case %1, found on a patrol</source>
        <translation>案件 %1，巡查中发现</translation>
    </message>
    <message>
        <source>The patrols of this workspace cannot be shown: %1</source>
        <translation>无法显示此工作区的巡查：%1</translation>
    </message>
    <message>
        <source>This case is not on the map: it has no location.</source>
        <translation>此案件不在地图上：它没有位置。</translation>
    </message>
    <message>
        <source>&amp;Window</source>
        <translation>窗口(&amp;W)</translation>
    </message>
</context>
<context>
    <name>GridDesk::MapCanvas</name>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>没有打开的工作区。</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 千米</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
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
        <translation>网格 %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::Org</name>
    <message>
        <source>Base grid %1 %2 has no information collector.</source>
        <translation>基础网格 %1 %2 没有信息采集员。</translation>
    </message>
    <message>
        <source>Base grid %1 %2 has no grid supervisor.</source>
        <translation>基础网格 %1 %2 没有网格监督员。</translation>
    </message>
    <message>
        <source>Unit %1 %2 has nobody in a decision or management post.</source>
        <translation>单位 %1 %2 没有决策层或管理层人员。</translation>
    </message>
    <message>
        <source>%1 (person %2) is assigned to grid %3, outside the jurisdiction of unit %4.</source>
        <translation>%1（人员 %2）被分配到网格 %3，超出了单位 %4 的管辖范围。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 has no %2 file.</source>
        <translation>%1 中没有 %2 文件。</translation>
    </message>
    <message>
        <source>%1 needs the columns code, name and %2.</source>
        <translation>%1 须包含 code、name 和 %2 列。</translation>
    </message>
    <message>
        <source>%1, line %2: too few fields.</source>
        <translation>%1 第 %2 行：字段太少。</translation>
    </message>
    <message numerus="yes">
        <source>The street files cover %n cities; choose one with a root code.</source>
        <translation>
            <numerusform>街道文件涵盖 %n 个城市；请用根代码选择其中一个。</numerusform>
        </translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a division code of 4, 6, 9 or 12 digits.</source>
        <translation>“%1”不是 4、6、9 或 12 位的区划代码。</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 不是文件夹。</translation>
    </message>
    <message>
        <source>cities.csv has no city %1.</source>
        <translation>cities.csv 中没有城市 %1。</translation>
    </message>
    <message>
        <source>The divisions have no code %1.</source>
        <translation>区划中没有代码 %1。</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1失败：%2</translation>
    </message>
    <message>
        <source>%1 %2 (tier %3)</source>
        <translation>%1 %2（第 %3 层级）</translation>
    </message>
    <message>
        <source>Reading org units</source>
        <translation>读取组织单位</translation>
    </message>
    <message>
        <source>Reading people</source>
        <translation>读取人员</translation>
    </message>
    <message>
        <source>Clearing %1</source>
        <translation>清空 %1</translation>
    </message>
    <message>
        <source>Saving org unit %1</source>
        <translation>保存组织单位 %1</translation>
    </message>
    <message>
        <source>Saving person %1</source>
        <translation>保存人员 %1</translation>
    </message>
    <message>
        <source>A unit needs a code without spaces.</source>
        <translation>单位须有不含空格的编码。</translation>
    </message>
    <message>
        <source>Unit %1 has tier %2; tiers run from 1 to 6.</source>
        <translation>单位 %1 的层级为 %2；层级须在 1 到 6 之间。</translation>
    </message>
    <message>
        <source>Unit %1 names parent %2, which is not in the chart.</source>
        <translation>单位 %1 的上级 %2 不在组织架构中。</translation>
    </message>
    <message>
        <source>%1 cannot sit under %2: that unit is retired.</source>
        <translation>%1 不能隶属于 %2：该单位已撤销。</translation>
    </message>
    <message>
        <source>%1 cannot sit under %2, which lies within it.</source>
        <translation>%1 不能隶属于 %2：后者是它的下级。</translation>
    </message>
    <message>
        <source>%1 cannot sit under %2: a unit&apos;s tier must be below its parent&apos;s (tiers may be skipped, never inverted).</source>
        <translation>%1 不能隶属于 %2：单位的层级须低于其上级（层级可以跳过，不能倒置）。</translation>
    </message>
    <message>
        <source>The chart already has a unit %1.</source>
        <translation>组织架构中已有单位 %1。</translation>
    </message>
    <message>
        <source>The chart has no unit %1.</source>
        <translation>组织架构中没有单位 %1。</translation>
    </message>
    <message>
        <source>%1 cannot be merged into %2, which lies within it.</source>
        <translation>%1 不能并入 %2：后者是它的下级。</translation>
    </message>
    <message>
        <source>%1 cannot be merged into %2: that unit is retired.</source>
        <translation>%1 不能并入 %2：该单位已撤销。</translation>
    </message>
    <message>
        <source>%1 cannot be merged into %2: its unit %3 would sit under a unit of its own tier or below.</source>
        <translation>%1 不能并入 %2：其下属单位 %3 将隶属于同级或更低层级的单位。</translation>
    </message>
    <message>
        <source>%1 still has %2 active unit(s) and %3 person(s); move or merge them first.</source>
        <translation>%1 仍有 %2 个在用下级单位和 %3 名人员；请先将其调出或合并。</translation>
    </message>
    <message>
        <source>A person needs a name.</source>
        <translation>人员须有姓名。</translation>
    </message>
    <message>
        <source>Unknown post &quot;%1&quot;; use one of %2.</source>
        <translation>未知岗位“%1”；请使用以下之一：%2。</translation>
    </message>
    <message>
        <source>Person %1 names unit %2, which is not in the chart.</source>
        <translation>人员 %1 所属单位 %2 不在组织架构中。</translation>
    </message>
    <message>
        <source>Person %1 cannot join %2: that unit is retired.</source>
        <translation>人员 %1 不能加入 %2：该单位已撤销。</translation>
    </message>
    <message>
        <source>The file has no column %1; its header must name %2.</source>
        <translation>文件中没有 %1 列；表头须包含 %2。</translation>
    </message>
    <message>
        <source>the tier must be a number from 1 to 6.</source>
        <translation>层级须为 1 到 6 之间的数字。</translation>
    </message>
    <message>
        <source>the kind must be tier or joint.</source>
        <translation>类型须为 tier 或 joint。</translation>
    </message>
    <message>
        <source>retired must be 0 or 1.</source>
        <translation>retired 须为 0 或 1。</translation>
    </message>
    <message>
        <source>the id must be a positive number.</source>
        <translation>id 须为正数。</translation>
    </message>
    <message>
        <source>A quoted field starting on line %1 is never closed.</source>
        <translation>从第 %1 行开始的带引号字段没有闭合。</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>文件为空。</translation>
    </message>
    <message>
        <source>The role &quot;%1&quot; may not see personal numbers.</source>
        <translation>角色“%1”无权查看个人号码。</translation>
    </message>
    <message>
        <source>A reveal needs the name of who asks.</source>
        <translation>查看号码须说明查看人。</translation>
    </message>
    <message>
        <source>A reveal needs a reason: say why the number is needed.</source>
        <translation>查看号码须说明理由：为何需要该号码。</translation>
    </message>
    <message>
        <source>The reveal could not be recorded: %1</source>
        <translation>无法记录本次查看：%1</translation>
    </message>
    <message>
        <source>Reading the reveal log failed: %1</source>
        <translation>读取查看记录失败：%1</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决策层</translation>
    </message>
    <message>
        <source>Management</source>
        <translation>管理层</translation>
    </message>
    <message>
        <source>General management</source>
        <translation>一般管理人员</translation>
    </message>
    <message>
        <source>Grid supervisor</source>
        <translation>网格监督员</translation>
    </message>
    <message>
        <source>Grid patroller</source>
        <translation>网格巡查员</translation>
    </message>
    <message>
        <source>Information collector</source>
        <translation>信息采集员</translation>
    </message>
    <message>
        <source>Grid head</source>
        <translation>网格长</translation>
    </message>
    <message>
        <source>Grid assistant</source>
        <translation>网格协管员</translation>
    </message>
    <message>
        <source>Joint-handling staff</source>
        <translation>联动处置人员</translation>
    </message>
    <message>
        <source>Co-governance staff</source>
        <translation>共治人员</translation>
    </message>
    <message>
        <source>Big-data staff</source>
        <translation>大数据人员</translation>
    </message>
    <message>
        <source>The units of a boundary file need a tier from 1 to 6, not %1.</source>
        <translation>边界文件的单位层级须为 1 到 6，而不是 %1。</translation>
    </message>
    <message>
        <source>Name the field that holds the units&apos; codes.</source>
        <translation>请指定存放单位代码的字段。</translation>
    </message>
    <message>
        <source>Give the units&apos; parent either as a field or as a root unit, not both.</source>
        <translation>单位的上级请用字段或根单位给出，不能同时使用。</translation>
    </message>
    <message>
        <source>%1 has no field &quot;%2&quot; to take the units&apos; codes from; its fields are: %3.</source>
        <translation>%1 中没有用于单位代码的字段“%2”；其字段为：%3。</translation>
    </message>
    <message>
        <source>%1 has no field &quot;%2&quot; to take the units&apos; names from; its fields are: %3.</source>
        <translation>%1 中没有用于单位名称的字段“%2”；其字段为：%3。</translation>
    </message>
    <message>
        <source>%1 has no field &quot;%2&quot; to take the units&apos; parents from; give a field, FIELD/N or left(FIELD,N) with one of its fields: %3.</source>
        <translation>%1 中没有用于上级单位的字段“%2”；请用以下字段之一写成 字段、字段/N 或 left(字段,N)：%3。</translation>
    </message>
    <message>
        <source>The parent expression &quot;%1&quot; needs a number of 1 or more.</source>
        <translation>上级表达式“%1”需要不小于 1 的数字。</translation>
    </message>
    <message>
        <source>Units of tier %1 cannot sit under %2 %3, which has tier %4; tiers may be skipped, never inverted.</source>
        <translation>第 %1 层的单位不能位于 %2 %3 之下，后者为第 %4 层；层级可以跳过，不能倒置。</translation>
    </message>
    <message>
        <source>Units of tier 1 cannot sit under a root unit; leave the root out.</source>
        <translation>第 1 层的单位不能位于根单位之下；请不要指定根单位。</translation>
    </message>
    <message>
        <source>the parent field &quot;%1&quot; is empty.</source>
        <translation>上级字段“%1”为空。</translation>
    </message>
    <message>
        <source>the parent field &quot;%1&quot; holds &quot;%2&quot;, which is not a whole number to divide by %3.</source>
        <translation>上级字段“%1”的值为“%2”，不是可以除以 %3 的整数。</translation>
    </message>
    <message>
        <source>%1
The first text that is not UTF-8: %2</source>
        <translation>%1
第一处非 UTF-8 文本：%2</translation>
    </message>
    <message>
        <source>the code field &quot;%1&quot; is empty; a unit needs a code.</source>
        <translation>代码字段“%1”为空；单位须有代码。</translation>
    </message>
    <message>
        <source>code %1 is already used by feature %2.</source>
        <translation>代码 %1 已被要素 %2 使用。</translation>
    </message>
    <message>
        <source>code %1: %2</source>
        <translation>代码 %1：%2</translation>
    </message>
    <message>
        <source>code %1: its parent %2 is not in the chart; import the units of the level above first.</source>
        <translation>代码 %1：其上级 %2 不在组织架构中；请先导入上一级单位。</translation>
    </message>
    <message>
        <source>%1 has no features to make units from.</source>
        <translation>%1 中没有可用来建立单位的要素。</translation>
    </message>
    <message>
        <source>Leading group</source>
        <translation>领导小组</translation>
    </message>
    <message>
        <source>Coordination group</source>
        <translation>协调小组</translation>
    </message>
    <message>
        <source>Reading org groups</source>
        <translation>读取工作小组</translation>
    </message>
    <message>
        <source>The org chart was saved elsewhere since it was opened here (saved %1 time(s) now, %2 when opened). Reload it and make the changes again.</source>
        <translation>自本处打开以来，组织架构已在别处保存过（现已保存 %1 次，打开时为 %2 次）。请重新载入后再做修改。</translation>
    </message>
    <message>
        <source>Saving group %1</source>
        <translation>保存小组 %1</translation>
    </message>
    <message>
        <source>Recording the org chart&apos;s history</source>
        <translation>记录组织架构的变更历史</translation>
    </message>
    <message>
        <source>Reading the org chart&apos;s history</source>
        <translation>读取组织架构的变更历史</translation>
    </message>
    <message>
        <source>Unit %1 needs a name.</source>
        <translation>单位 %1 须有名称。</translation>
    </message>
    <message>
        <source>%1 is not a joint-handling unit, so it cannot be linked to other units.</source>
        <translation>%1 不是联动处置单位，不能关联其他单位。</translation>
    </message>
    <message>
        <source>%1 is linked to unit %2, which is not in the chart.</source>
        <translation>%1 关联的单位 %2 不在组织架构中。</translation>
    </message>
    <message>
        <source>%1 can be linked only to units of the tiers, not to %2.</source>
        <translation>%1 只能关联各层级的单位，不能关联 %2。</translation>
    </message>
    <message>
        <source>%1 cannot be linked to %2: that unit is retired.</source>
        <translation>%1 不能关联 %2：该单位已撤销。</translation>
    </message>
    <message>
        <source>added %1</source>
        <translation>新增 %1</translation>
    </message>
    <message>
        <source>name %1 → %2</source>
        <translation>名称 %1 → %2</translation>
    </message>
    <message>
        <source>tier %1 → %2</source>
        <translation>层级 %1 → %2</translation>
    </message>
    <message>
        <source>parent %1 → %2</source>
        <translation>上级 %1 → %2</translation>
    </message>
    <message>
        <source>kind %1 → %2</source>
        <translation>类型 %1 → %2</translation>
    </message>
    <message>
        <source>contact %1 → %2</source>
        <translation>联系方式 %1 → %2</translation>
    </message>
    <message>
        <source>jurisdiction %1 → %2</source>
        <translation>辖区 %1 → %2</translation>
    </message>
    <message>
        <source>departments %1 → %2</source>
        <translation>业务部门 %1 → %2</translation>
    </message>
    <message>
        <source>linked units %1 → %2</source>
        <translation>关联单位 %1 → %2</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>back in service</source>
        <translation>恢复使用</translation>
    </message>
    <message>
        <source>moved from %1 to %2</source>
        <translation>从 %1 移到 %2</translation>
    </message>
    <message>
        <source>the top</source>
        <translation>顶层</translation>
    </message>
    <message>
        <source>%1 merged into %2: %3 unit(s) and %4 person(s) moved</source>
        <translation>%1 并入 %2：移入 %3 个单位和 %4 人</translation>
    </message>
    <message>
        <source>retired %1</source>
        <translation>撤销 %1</translation>
    </message>
    <message>
        <source>added %1 (%2) in %3</source>
        <translation>在 %3 新增 %1（%2）</translation>
    </message>
    <message>
        <source>post %1 → %2</source>
        <translation>岗位 %1 → %2</translation>
    </message>
    <message>
        <source>unit %1 → %2</source>
        <translation>单位 %1 → %2</translation>
    </message>
    <message>
        <source>grids %1 → %2</source>
        <translation>网格 %1 → %2</translation>
    </message>
    <message>
        <source>phone changed</source>
        <translation>电话已更改</translation>
    </message>
    <message>
        <source>ID number changed</source>
        <translation>身份证号已更改</translation>
    </message>
    <message>
        <source>left the organisation</source>
        <translation>已离开组织</translation>
    </message>
    <message>
        <source>A group needs a name.</source>
        <translation>小组须有名称。</translation>
    </message>
    <message>
        <source>Group %1 names unit %2, which is not in the chart.</source>
        <translation>小组 %1 所属的单位 %2 不在组织架构中。</translation>
    </message>
    <message>
        <source>Group %1 cannot be set up by %2: that unit is retired.</source>
        <translation>小组 %1 不能由 %2 设立：该单位已撤销。</translation>
    </message>
    <message>
        <source>Group %1 names member unit %2, which is not in the chart.</source>
        <translation>小组 %1 的成员单位 %2 不在组织架构中。</translation>
    </message>
    <message>
        <source>Group %1 names member %2, who is not in the chart.</source>
        <translation>小组 %1 的成员 %2 不在组织架构中。</translation>
    </message>
    <message>
        <source>set up %1 &quot;%2&quot; with %3 unit(s) and %4 person(s)</source>
        <translation>设立%1“%2”，含 %3 个单位和 %4 人</translation>
    </message>
    <message>
        <source>changed %1 &quot;%2&quot;: %3 unit(s) and %4 person(s)</source>
        <translation>修改%1“%2”：%3 个单位和 %4 人</translation>
    </message>
    <message>
        <source>The chart has no group %1.</source>
        <translation>组织架构中没有小组 %1。</translation>
    </message>
    <message>
        <source>dissolved %1 &quot;%2&quot;</source>
        <translation>解散%1“%2”</translation>
    </message>
    <message>
        <source>City supervision centre</source>
        <translation>市级监督指挥中心</translation>
    </message>
    <message>
        <source>District command centre</source>
        <translation>区（县）级指挥中心</translation>
    </message>
    <message>
        <source>Street sub-centre</source>
        <translation>街（镇）级分中心</translation>
    </message>
    <message>
        <source>Community workstation</source>
        <translation>村（社区）级工作站</translation>
    </message>
    <message>
        <source>Business department</source>
        <translation>内设业务部门</translation>
    </message>
    <message>
        <source>Tier %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>小组</translation>
    </message>
    <message>
        <source>Unit %1 %2 names parent %3, which is not in the chart; move it under a unit of the chart or to the top.</source>
        <translation>单位 %1 %2 的上级 %3 不在组织架构中；请将其移到架构中的某个单位之下或移到顶层。</translation>
    </message>
    <message>
        <source>Unit %1 %2 lies within itself: its parents, from %3 on, go round in a circle; move one of them to the top or under another unit.</source>
        <translation>单位 %1 %2 包含自身：从 %3 起其上级形成循环；请将其中一个移到顶层或其他单位之下。</translation>
    </message>
    <message>
        <source>%1 (person %2) belongs to unit %3, which is not in the chart; give them a unit of the chart.</source>
        <translation>%1（人员 %2）所属单位 %3 不在组织架构中；请为其指定架构中的单位。</translation>
    </message>
    <message>
        <source>%1, line %2: &quot;%3&quot; is not a division code of 4, 6, 9 or 12 digits.</source>
        <translation>%1 第 %2 行：“%3”不是 4、6、9 或 12 位的区划代码。</translation>
    </message>
    <message>
        <source>%1, line %2: %3 %4 lies under %5, which the division files do not have; nothing was imported.</source>
        <translation>%1 第 %2 行：%3 %4 的上级 %5 不在区划文件中；未导入任何内容。</translation>
    </message>
    <message>
        <source>The unit code &quot;%1&quot; holds a space, a line break or &quot;;&quot;; a code must be one word.</source>
        <translation>单位代码“%1”含有空格、换行或“;”；代码须为一个词。</translation>
    </message>
    <message>
        <source>Unit %1 cannot sit under itself.</source>
        <translation>单位 %1 不能位于自身之下。</translation>
    </message>
    <message>
        <source>%1 cannot be merged into %2: it is retired already.</source>
        <translation>%1 不能并入 %2：它已撤销。</translation>
    </message>
    <message>
        <source>%1 is retired already, since %2.</source>
        <translation>%1 已于 %2 撤销。</translation>
    </message>
    <message>
        <source>Person %1 cannot be given an id: the highest id there is is taken already.</source>
        <translation>无法为人员 %1 分配编号：最大编号已被占用。</translation>
    </message>
    <message>
        <source>Line %1 holds text that is not UTF-8; save the file as UTF-8 (for example from a spreadsheet&apos;s &quot;CSV UTF-8&quot; format) and import it again.</source>
        <translation>第 %1 行含有非 UTF-8 文本；请将文件另存为 UTF-8（例如电子表格的“CSV UTF-8”格式）后重新导入。</translation>
    </message>
    <message>
        <source>the id %1 is already used on line %2 of this file.</source>
        <translation>编号 %1 已在本文件第 %2 行使用。</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>The chart names unit %1 twice.</source>
        <translation>组织架构中单位 %1 出现了两次。</translation>
    </message>
    <message>
        <source>Person %1 has id %2, which is not a free id above 0.</source>
        <translation>人员 %1 的编号为 %2，不是大于 0 的未用编号。</translation>
    </message>
    <message>
        <source>Group %1 has id %2, which is not a free id above 0.</source>
        <translation>小组 %1 的编号为 %2，不是大于 0 的未用编号。</translation>
    </message>
    <message>
        <source>removed %1</source>
        <translation>删除了 %1</translation>
    </message>
    <message>
        <source>device %1</source>
        <extracomment>%1 is the id of the phone or app a citizen reported from</extracomment>
        <translation>设备 %1</translation>
    </message>
    <message>
        <source>account %1</source>
        <extracomment>%1 is the citizen&apos;s account in the reporting app</extracomment>
        <translation>账户 %1</translation>
    </message>
    <message>
        <source>The role &quot;%1&quot; may not see a reporter&apos;s contact.</source>
        <translation>角色“%1”无权查看报告人联系方式。</translation>
    </message>
    <message>
        <source>A reveal needs a reason: say why the reporter&apos;s contact is needed.</source>
        <translation>查看需要理由：请说明为何需要报告人的联系方式。</translation>
    </message>
</context>
<context>
    <name>GridDesk::OrgDiagram</name>
    <message>
        <source>Org chart</source>
        <translation>组织架构图</translation>
    </message>
    <message>
        <source>%1 cannot move under %2, which lies within it.</source>
        <translation>%1 不能移到 %2 之下，后者位于其内。</translation>
    </message>
    <message>
        <source>%1 cannot move under %2: that unit is retired.</source>
        <translation>%1 不能移到 %2 之下：该单位已撤销。</translation>
    </message>
    <message>
        <source>%1 (%2) cannot move under %3 (%4): a unit&apos;s tier must be below its parent&apos;s. Tiers may be skipped, never inverted.</source>
        <extracomment>%1 and %3 are unit names, %2 and %4 their tiers (&quot;Street sub-centre&quot; …)</extracomment>
        <translation>%1（%2）不能移到 %3（%4）之下：单位的层级须低于其上级。层级可以跳过，不能倒置。</translation>
    </message>
    <message>
        <source>%1 already sits under %2.</source>
        <translation>%1 已位于 %2 之下。</translation>
    </message>
    <message>
        <source>Move %1 under %2</source>
        <translation>将 %1 移到 %2 之下</translation>
    </message>
    <message>
        <source>Joint handling</source>
        <translation>联动处置</translation>
    </message>
    <message>
        <source>%1, retired</source>
        <translation>%1，已撤销</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <extracomment>how many active people an org unit has, drawn small in its box</extracomment>
        <translation>
            <numerusform>%n 人</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::OrgDocument</name>
    <message>
        <source>Read only: the desk acts as nobody. Choose a user to edit the org chart.</source>
        <translation>只读：当前工作台未选择用户。请选择用户后再编辑组织架构。</translation>
    </message>
    <message>
        <source>Read only: %1 acts in the role &quot;%2&quot;; only leaders, supervisors and administrators change the org chart.</source>
        <extracomment>%1 is a person, %2 their role key</extracomment>
        <translation>只读：%1 的角色为“%2”；只有领导、监督员和管理员可以修改组织架构。</translation>
    </message>
    <message>
        <source>This org chart has no workspace to be saved in.</source>
        <translation>此组织架构没有可保存的工作区。</translation>
    </message>
    <message>
        <source>This org chart has no workspace to be read from.</source>
        <translation>此组织架构没有可读取的工作区。</translation>
    </message>
    <message>
        <source>The chart has no person %1.</source>
        <translation>组织架构中没有人员 %1。</translation>
    </message>
    <message>
        <source>Numbers are revealed only in a workspace, where the reveal is recorded.</source>
        <translation>只有在工作区中才能查看号码，查看会被记录。</translation>
    </message>
    <message>
        <source>the top</source>
        <translation>顶层</translation>
    </message>
    <message>
        <source>Move %1 under %2</source>
        <extracomment>%1 is one or more unit codes, %2 the new parent&apos;s code</extracomment>
        <translation>将 %1 移到 %2 之下</translation>
    </message>
</context>
<context>
    <name>GridDesk::OrgEdit</name>
    <message>
        <source>Joint-handling unit</source>
        <translation>联动处置单位</translation>
    </message>
    <message>
        <source>Tier unit</source>
        <translation>层级单位</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1 is an org unit&apos;s name, %2 its code</extracomment>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>GridDesk::OrgEditor</name>
    <message>
        <source>Find a unit or person (Enter for the next match)</source>
        <translation>查找单位或人员（回车查找下一个）</translation>
    </message>
    <message>
        <source>Org chart</source>
        <translation>组织架构图</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Coverage findings</source>
        <translation>覆盖检查</translation>
    </message>
    <message>
        <source>(the chart as saved)</source>
        <translation>（已保存的组织架构）</translation>
    </message>
    <message>
        <source>Edit history</source>
        <translation>编辑历史</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Reload from the workspace</source>
        <translation>从工作区重新载入(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Add &amp;unit…</source>
        <translation>新增单位(&amp;U)…</translation>
    </message>
    <message>
        <source>Add &amp;joint-handling unit…</source>
        <translation>新增联动处置单位(&amp;J)…</translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation>重命名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Move to…</source>
        <translation>移到(&amp;M)…</translation>
    </message>
    <message>
        <source>Mer&amp;ge into…</source>
        <translation>并入(&amp;G)…</translation>
    </message>
    <message>
        <source>Re&amp;tire unit</source>
        <translation>撤销单位(&amp;T)</translation>
    </message>
    <message>
        <source>Add &amp;person…</source>
        <translation>新增人员(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Edit person…</source>
        <translation>编辑人员(&amp;E)…</translation>
    </message>
    <message>
        <source>Person &amp;leaves</source>
        <translation>人员离开(&amp;L)</translation>
    </message>
    <message>
        <source>Reveal &amp;phone number…</source>
        <translation>查看电话号码(&amp;P)…</translation>
    </message>
    <message>
        <source>Reveal &amp;ID number…</source>
        <translation>查看身份证号(&amp;I)…</translation>
    </message>
    <message>
        <source>Set up &amp;group…</source>
        <translation>设立小组(&amp;G)…</translation>
    </message>
    <message>
        <source>Edit g&amp;roup…</source>
        <translation>编辑小组(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Dissolve group</source>
        <translation>解散小组(&amp;D)</translation>
    </message>
    <message>
        <source>Import &amp;division codes…</source>
        <translation>导入区划代码(&amp;D)…</translation>
    </message>
    <message>
        <source>Import &amp;units (CSV)…</source>
        <translation>导入单位（CSV）(&amp;U)…</translation>
    </message>
    <message>
        <source>Import &amp;people (CSV)…</source>
        <translation>导入人员（CSV）(&amp;P)…</translation>
    </message>
    <message>
        <source>E&amp;xport units (CSV)…</source>
        <translation>导出单位（CSV）(&amp;X)…</translation>
    </message>
    <message>
        <source>Export p&amp;eople (CSV)…</source>
        <translation>导出人员（CSV）(&amp;E)…</translation>
    </message>
    <message>
        <source>Show &amp;retired units</source>
        <translation>显示已撤销单位(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>单位(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;People</source>
        <translation>人员(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>未修改</translation>
    </message>
    <message>
        <source>Not moved</source>
        <translation>未移动</translation>
    </message>
    <message>
        <source>Org chart — %1[*]</source>
        <extracomment>%1 is the workspace&apos;s name; [*] marks unsaved changes</extracomment>
        <translation>组织架构 — %1[*]</translation>
    </message>
    <message>
        <source>no workspace</source>
        <translation>无工作区</translation>
    </message>
    <message numerus="yes">
        <source>Coverage findings (%n)</source>
        <translation>
            <numerusform>覆盖检查（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Grid %1 has no unit of its own; assign staff to it from its unit&apos;s people.</source>
        <translation>网格 %1 没有自己的单位；请从其所属单位的人员中指派。</translation>
    </message>
    <message>
        <source>No unit or person matches &quot;%1&quot;.</source>
        <translation>没有与“%1”匹配的单位或人员。</translation>
    </message>
    <message>
        <source>Match %1 of %2 for &quot;%3&quot;; Enter for the next.</source>
        <extracomment>%1 of %2 matches; the search text is %3</extracomment>
        <translation>“%3”的第 %1 个匹配，共 %2 个；回车查找下一个。</translation>
    </message>
    <message>
        <source>Org chart saved.</source>
        <translation>组织架构已保存。</translation>
    </message>
    <message>
        <source>Org chart not saved</source>
        <translation>组织架构未保存</translation>
    </message>
    <message>
        <source>Org chart saved elsewhere</source>
        <translation>组织架构已在别处保存</translation>
    </message>
    <message>
        <source>Someone else saved the org chart of this workspace after you opened it, so your changes were not saved.</source>
        <translation>您打开后，有人保存了本工作区的组织架构，因此您的修改未保存。</translation>
    </message>
    <message numerus="yes">
        <source>Reload and drop my %n unsaved change(s)</source>
        <translation>
            <numerusform>重新载入并放弃我的 %n 项未保存修改</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <source>Org chart not reloaded</source>
        <translation>组织架构未重新载入</translation>
    </message>
    <message>
        <source>The org chart was reloaded as it was saved elsewhere.</source>
        <translation>已按别处保存的内容重新载入组织架构。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message numerus="yes">
        <source>The org chart has %n unsaved change(s). Save them before closing?</source>
        <translation>
            <numerusform>组织架构有 %n 项未保存的修改。关闭前保存吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <extracomment>%1 is a line number of the imported file, %2 why the row was refused</extracomment>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>Add %1</source>
        <extracomment>%1 is the new unit&apos;s name and code</extracomment>
        <translation>新增 %1</translation>
    </message>
    <message>
        <source>Unit not added</source>
        <translation>单位未新增</translation>
    </message>
    <message>
        <source>Unit not moved</source>
        <translation>单位未移动</translation>
    </message>
    <message>
        <source>Merge %1 into %2</source>
        <extracomment>%1 is the retiring unit&apos;s code, %2 the unit it merges into</extracomment>
        <translation>将 %1 并入 %2</translation>
    </message>
    <message>
        <source>Units not merged</source>
        <translation>单位未合并</translation>
    </message>
    <message>
        <source>Retire %1</source>
        <extracomment>%1 is a unit code</extracomment>
        <translation>撤销 %1</translation>
    </message>
    <message>
        <source>Unit not retired</source>
        <translation>单位未撤销</translation>
    </message>
    <message>
        <source>Change %1</source>
        <translation>修改 %1</translation>
    </message>
    <message>
        <source>Person not saved</source>
        <translation>人员未保存</translation>
    </message>
    <message>
        <source>%1 leaves</source>
        <extracomment>%1 is a person&apos;s name</extracomment>
        <translation>%1 离开</translation>
    </message>
    <message>
        <source>Number not revealed</source>
        <translation>号码未显示</translation>
    </message>
    <message>
        <source>The number is shown; the reveal was recorded with your name and reason.</source>
        <translation>号码已显示；本次查看已连同您的姓名和理由记录。</translation>
    </message>
    <message>
        <source>Set up group %1</source>
        <translation>设立小组 %1</translation>
    </message>
    <message>
        <source>Change group %1</source>
        <translation>修改小组 %1</translation>
    </message>
    <message>
        <source>Group not saved</source>
        <translation>小组未保存</translation>
    </message>
    <message>
        <source>%1 is retired. Its %2 people, %3 units below it and %4 grids of its jurisdiction move to the unit you choose; its history stays with it.</source>
        <extracomment>%1 is a unit; %2 people, %3 units, %4 grid codes move</extracomment>
        <translation>%1 将被撤销。其 %2 名人员、下属 %3 个单位和辖区内 %4 个网格移入您选择的单位；其历史记录保留。</translation>
    </message>
    <message>
        <source>Move %1 under which unit? Only units the tier rule allows are offered.</source>
        <translation>将 %1 移到哪个单位之下？仅列出层级规则允许的单位。</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>移到</translation>
    </message>
    <message>
        <source>Merge %1 into which unit?</source>
        <translation>将 %1 并入哪个单位？</translation>
    </message>
    <message>
        <source>Merge into</source>
        <translation>并入</translation>
    </message>
    <message>
        <source>Retire unit</source>
        <translation>撤销单位</translation>
    </message>
    <message>
        <source>Retire %1? It keeps its code and history and takes no new work.</source>
        <translation>撤销 %1？其代码和历史保留，不再承接新工作。</translation>
    </message>
    <message>
        <source>Person leaves</source>
        <translation>人员离开</translation>
    </message>
    <message>
        <source>%1 leaves the organisation? They keep their record and history.</source>
        <translation>%1 离开组织？其记录和历史保留。</translation>
    </message>
    <message>
        <source>Your role may not see whole personal numbers; leaders and administrators may.</source>
        <translation>您的角色无权查看完整个人号码；领导和管理员可以查看。</translation>
    </message>
    <message>
        <source>Reveal number</source>
        <translation>查看号码</translation>
    </message>
    <message>
        <source>Why do you need the whole number? The reason is recorded with your name.</source>
        <translation>为何需要完整号码？理由将连同您的姓名记录。</translation>
    </message>
    <message>
        <source>Dissolve group</source>
        <translation>解散小组</translation>
    </message>
    <message>
        <source>Dissolve %1? It keeps its record.</source>
        <translation>解散 %1？其记录保留。</translation>
    </message>
    <message>
        <source>Dissolve group %1</source>
        <translation>解散小组 %1</translation>
    </message>
    <message>
        <source>Group not dissolved</source>
        <translation>小组未解散</translation>
    </message>
    <message>
        <source>Which tier unit does it serve?</source>
        <translation>它为哪个层级单位服务？</translation>
    </message>
    <message>
        <source>Link tier unit</source>
        <translation>关联层级单位</translation>
    </message>
    <message>
        <source>Folder of division code tables (cities.csv, areas.csv, streets, villages)</source>
        <translation>区划代码表所在文件夹（cities.csv、areas.csv、街道、社区）</translation>
    </message>
    <message>
        <source>Import division codes</source>
        <translation>导入区划代码</translation>
    </message>
    <message>
        <source>Limit to the subtree of a city, district or street code (blank: the whole city):</source>
        <translation>仅导入某市、区或街道代码下的子树（留空：全市）：</translation>
    </message>
    <message>
        <source>Divisions not imported</source>
        <translation>区划未导入</translation>
    </message>
    <message numerus="yes">
        <source>Import %n division unit(s)</source>
        <translation>
            <numerusform>导入 %n 个区划单位</numerusform>
        </translation>
    </message>
    <message>
        <source>Divisions imported</source>
        <translation>区划已导入</translation>
    </message>
    <message>
        <source>Import people</source>
        <translation>导入人员</translation>
    </message>
    <message>
        <source>Import units</source>
        <translation>导入单位</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message numerus="yes">
        <source>%1 added, %2 updated, %n row(s) refused.</source>
        <translation>
            <numerusform>新增 %1，更新 %2，拒绝 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export people</source>
        <translation>导出人员</translation>
    </message>
    <message>
        <source>Export units</source>
        <translation>导出单位</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>People exported to %1, numbers masked.</source>
        <translation>人员已导出到 %1，号码已遮盖。</translation>
    </message>
    <message>
        <source>Units exported to %1.</source>
        <translation>单位已导出到 %1。</translation>
    </message>
    <message>
        <source>Reload org chart</source>
        <translation>重新载入组织架构</translation>
    </message>
    <message numerus="yes">
        <source>Reloading drops your %n unsaved change(s). Reload anyway?</source>
        <translation>
            <numerusform>重新载入将放弃您的 %n 项未保存修改。仍要重新载入吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>A newer org chart came from the server. Saving your changes will ask you to reload it first.</source>
        <translation>服务器发来了更新的组织架构。保存您的修改时将要求先重新载入。</translation>
    </message>
    <message>
        <source>The org chart shows the server&apos;s newest revision.</source>
        <translation>组织架构显示的是服务器的最新版本。</translation>
    </message>
    <message>
        <source>Org chart saved; it goes to the server with the next sync.</source>
        <translation>组织架构已保存；将在下次同步时发往服务器。</translation>
    </message>
</context>
<context>
    <name>GridDesk::OrgTreeModel</name>
    <message>
        <source>Tier %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <extracomment>%1 is a tier number, %2 its name</extracomment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Retired %1</source>
        <translation>%1 撤销</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <extracomment>%1 is the unit&apos;s name and code, %2 its tier&apos;s name</extracomment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>A unit needs a name.</source>
        <translation>单位须有名称。</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <extracomment>%1 is a unit code, %2 the new name</extracomment>
        <translation>将 %1 改名为 %2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>GridDesk::ParentChooserDialog</name>
    <message>
        <source>Move %1 under…</source>
        <extracomment>%1 is the code of the category being moved</extracomment>
        <translation>将 %1 移到…之下</translation>
    </message>
    <message>
        <source>Filter by code or title</source>
        <translation>按代码或名称筛选</translation>
    </message>
    <message>
        <source>%1 goes to the end of the category chosen; its sub-categories move with it and are coded anew.</source>
        <extracomment>%1 is the code of the category being moved</extracomment>
        <translation>%1 将放在所选类别的末尾；其子类别随之移动并重新编码。</translation>
    </message>
</context>
<context>
    <name>GridDesk::Patrol</name>
    <message>
        <source>No metric projection could be set up around %1, %2 (%3).</source>
        <translation>无法在 %1, %2 附近建立米制投影（%3）。</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1时失败：%2</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>This view of the patrols only reads.</source>
        <translation>此巡查视图为只读。</translation>
    </message>
    <message>
        <source>Say who patrolled (a user or a person).</source>
        <translation>请指明巡查人（用户或人员）。</translation>
    </message>
    <message>
        <source>Looking up %1</source>
        <translation>正在查找 %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a user of this workspace nor a person of its org chart.</source>
        <translation>“%1”既不是本工作区的用户，也不是其组织架构中的人员。</translation>
    </message>
    <message>
        <source>Looking for earlier imports</source>
        <translation>正在查找以往的导入</translation>
    </message>
    <message>
        <source>%1 was already imported as %2&apos;s patrol track %3.</source>
        <translation>%1 已作为 %2 的巡查轨迹 %3 导入过。</translation>
    </message>
    <message>
        <source>%1 never comes within %2 m of a grid of this workspace: its fixes lie between longitude %3 and %4, latitude %5 and %6. Nothing was imported.</source>
        <translation>%1 与本工作区任何网格的距离都未进入 %2 米以内：其定位点位于经度 %3 至 %4、纬度 %5 至 %6 之间。未导入任何内容。</translation>
    </message>
    <message>
        <source>Saving the patrol track</source>
        <translation>正在保存巡查轨迹</translation>
    </message>
    <message>
        <source>Saving fix %1 of the patrol track</source>
        <translation>正在保存巡查轨迹的第 %1 个定位点</translation>
    </message>
    <message>
        <source>Saving the coverage of grid %1</source>
        <translation>正在保存网格 %1 的巡查覆盖</translation>
    </message>
    <message>
        <source>Updating the extent of the patrol layers</source>
        <translation>正在更新巡查图层的范围</translation>
    </message>
    <message numerus="yes">
        <source>%n fix(es) by %1, %2 grid(s) seen</source>
        <translation>
            <numerusform>%1 的 %n 个定位点，巡查到 %2 个网格</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the patrol tracks</source>
        <translation>正在读取巡查轨迹</translation>
    </message>
    <message>
        <source>Reading patrol track %1</source>
        <translation>正在读取巡查轨迹 %1</translation>
    </message>
    <message>
        <source>Fix %1 of patrol track %2 has no readable position.</source>
        <translation>巡查轨迹 %2 的第 %1 个定位点没有可读取的位置。</translation>
    </message>
    <message>
        <source>Reading the coverage of patrol track %1</source>
        <translation>正在读取巡查轨迹 %1 的覆盖情况</translation>
    </message>
    <message>
        <source>Reading the reported cases</source>
        <translation>正在读取已上报的案件</translation>
    </message>
    <message>
        <source>There is no grid %1 in this workspace.</source>
        <translation>本工作区中没有网格 %1。</translation>
    </message>
    <message>
        <source>Saving the patrol plan</source>
        <translation>正在保存巡查计划</translation>
    </message>
    <message>
        <source>Removing patrol plan %1</source>
        <translation>正在删除巡查计划 %1</translation>
    </message>
    <message>
        <source>There is no patrol plan %1.</source>
        <translation>不存在巡查计划 %1。</translation>
    </message>
    <message>
        <source>Reading the patrol plans</source>
        <translation>正在读取巡查计划</translation>
    </message>
    <message>
        <source>Reading the people&apos;s posts</source>
        <translation>正在读取人员的岗位</translation>
    </message>
    <message>
        <source>anyone in post %1</source>
        <extracomment>%1 is a number of patrols, %2 day, week or month, %3 a person or a post</extracomment>
        <translation>%1 岗位上的任何人</translation>
    </message>
    <message>
        <source>%1 × a %2 by %3</source>
        <translation>每%2 %1 次，由%3巡查</translation>
    </message>
    <message>
        <source>A patrol plan needs the grid it covers.</source>
        <translation>巡查计划须指明所覆盖的网格。</translation>
    </message>
    <message>
        <source>A patrol plan needs what to check.</source>
        <translation>巡查计划须指明检查内容。</translation>
    </message>
    <message>
        <source>A patrol plan needs at least one patrol a %1, not %2.</source>
        <translation>巡查计划要求每%1至少巡查一次，而不是 %2 次。</translation>
    </message>
    <message>
        <source>A patrol plan needs a period.</source>
        <translation>巡查计划须指明周期。</translation>
    </message>
    <message>
        <source>A patrol plan names either a person or a post, not both and not neither.</source>
        <translation>巡查计划须指定人员或岗位二者之一，不能同时指定，也不能都不指定。</translation>
    </message>
    <message>
        <source>Unknown post &quot;%1&quot;; use one of %2.</source>
        <translation>未知岗位“%1”；请使用以下之一：%2。</translation>
    </message>
    <message>
        <source>The share of the grid a patrol must see lies between 0 and 1, not %1.</source>
        <translation>一次巡查须覆盖的网格比例应在 0 到 1 之间，而不是 %1。</translation>
    </message>
    <message>
        <source>no details from GDAL</source>
        <translation>GDAL 未提供详细信息</translation>
    </message>
    <message>
        <source>%1 has no times: a patrol track needs the time of each point.</source>
        <translation>%1 没有时间信息：巡查轨迹需要每个点的时间。</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n track point(s) have no time, the first is point %2; a patrol track needs the time of each point.</source>
        <translation>
            <numerusform>%1：有 %n 个轨迹点没有时间，第一个是第 %2 个点；巡查轨迹需要每个点的时间。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is not a GPX file GDAL can read: %2</source>
        <translation>%1 不是 GDAL 能读取的 GPX 文件：%2</translation>
    </message>
    <message>
        <source>%1 has no track points.</source>
        <translation>%1 没有轨迹点。</translation>
    </message>
    <message numerus="yes">
        <source>%1 is damaged after %n track point(s): %2</source>
        <translation>
            <numerusform>%1 在第 %n 个轨迹点之后已损坏：%2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n sentence(s) with a bad or missing checksum were skipped, the first on line %2.</source>
        <translation>
            <numerusform>%1：已跳过 %n 条校验和错误或缺失的语句，第一条在第 %2 行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n position sentence(s) without a fix were skipped, the first on line %2.</source>
        <translation>
            <numerusform>%1：已跳过 %n 条未定位的位置语句，第一条在第 %2 行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n line(s) that are not NMEA sentences were skipped, the first is line %2.</source>
        <translation>
            <numerusform>%1：已跳过 %n 行非 NMEA 语句，第一行是第 %2 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 holds no NMEA sentences: it is neither GPX nor an NMEA log.</source>
        <translation>%1 不含 NMEA 语句：它既不是 GPX 文件，也不是 NMEA 日志。</translation>
    </message>
    <message>
        <source>%1 holds no position fix with a date and time (no valid RMC sentence). %2</source>
        <translation>%1 不含带日期和时间的定位（没有有效的 RMC 语句）。%2</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <source>A patrol track needs at least one fix.</source>
        <translation>巡查轨迹至少需要一个定位点。</translation>
    </message>
    <message>
        <source>The sight distance must be more than 0 metres, not %1.</source>
        <translation>视距必须大于 0 米，而不是 %1。</translation>
    </message>
    <message>
        <source>The track could not be projected to metres around its centre.</source>
        <translation>无法以轨迹中心为基准将轨迹投影为米制坐标。</translation>
    </message>
    <message>
        <source>The strip along the track could not be made: %1</source>
        <translation>无法生成沿轨迹的带状区域：%1</translation>
    </message>
    <message>
        <source>grid %1</source>
        <translation>网格 %1</translation>
    </message>
    <message>
        <source>day</source>
        <translation>天</translation>
    </message>
    <message>
        <source>week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>The import of %1 was cancelled; nothing was kept.</source>
        <translation>%1 的导入已取消；未保留任何内容。</translation>
    </message>
    <message>
        <source>Saving the patrol track was cancelled.</source>
        <translation>巡查轨迹的保存已取消。</translation>
    </message>
    <message>
        <source>Saving patrol plan %1</source>
        <translation>保存巡查计划 %1</translation>
    </message>
    <message>
        <source>Reading %1 was cancelled.</source>
        <translation>读取 %1 已取消。</translation>
    </message>
    <message>
        <source>%1 is written in UTF-16 or UTF-32, but GPX files and NMEA logs are ASCII or UTF-8 text. Save it as UTF-8 and import it again.</source>
        <translation>%1 以 UTF-16 或 UTF-32 编码，但 GPX 文件和 NMEA 日志须为 ASCII 或 UTF-8 文本。请另存为 UTF-8 后重新导入。</translation>
    </message>
</context>
<context>
    <name>GridDesk::PatrolPlanDialog</name>
    <message>
        <source>%1 — %2</source>
        <extracomment>a grid in a list: %1 is its code, %2 its name</extracomment>
        <translation>%1——%2</translation>
    </message>
    <message>
        <source>A &amp;person:</source>
        <translation>人员(&amp;P)：</translation>
    </message>
    <message>
        <source>Anyone in p&amp;ost:</source>
        <translation>岗位任一人员(&amp;O)：</translation>
    </message>
    <message>
        <source>Add patrol plan</source>
        <translation>添加巡查计划</translation>
    </message>
    <message>
        <source>Edit patrol plan %1</source>
        <translation>编辑巡查计划 %1</translation>
    </message>
    <message>
        <source>e.g. litter, street lights, manhole covers</source>
        <translation>如：垃圾、路灯、井盖</translation>
    </message>
    <message>
        <source>a %1</source>
        <translation>每%1</translation>
    </message>
    <message>
        <source>a user or a person of the org chart</source>
        <translation>用户或组织架构中的人员</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>any part</source>
        <translation>任意部分</translation>
    </message>
    <message>
        <source>How much of the grid a patrol must see to count for the plan.</source>
        <translation>一次巡查须覆盖网格的多大比例才计入计划。</translation>
    </message>
    <message>
        <source>×</source>
        <extracomment>between the number of patrols and the period: &quot;2 × a week&quot;</extracomment>
        <translation>×</translation>
    </message>
    <message>
        <source>&amp;Grid:</source>
        <translation>网格(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;What to check:</source>
        <translation>检查内容(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;How often:</source>
        <translation>频次(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Seen at least:</source>
        <translation>至少覆盖(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>GridDesk::PatrolsPanel</name>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Started (UTC)</source>
        <translation>开始（UTC）</translation>
    </message>
    <message>
        <source>Ended (UTC)</source>
        <translation>结束（UTC）</translation>
    </message>
    <message>
        <source>Fixes</source>
        <translation>定位点</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Seen</source>
        <translation>覆盖比例</translation>
    </message>
    <message>
        <source>Area seen</source>
        <translation>覆盖面积</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Reported by</source>
        <translation>上报人</translation>
    </message>
    <message>
        <source>At (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>From the path</source>
        <translation>距轨迹</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>How often</source>
        <translation>频次</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查内容</translation>
    </message>
    <message>
        <source> m</source>
        <translation> 米</translation>
    </message>
    <message>
        <source>How far the patroller is taken to see to each side of the track.</source>
        <translation>视为巡查人员在轨迹两侧各能看到的距离。</translation>
    </message>
    <message>
        <source>&amp;Import track…</source>
        <translation>导入轨迹(&amp;I)…</translation>
    </message>
    <message>
        <source>Read a GPX or NMEA log as this person&apos;s patrol.</source>
        <translation>将 GPX 或 NMEA 日志读取为此人的巡查。</translation>
    </message>
    <message>
        <source>&amp;Patroller:</source>
        <translation>巡查人(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Sight:</source>
        <translation>视距(&amp;S)：</translation>
    </message>
    <message>
        <source>Patrol tracks:</source>
        <translation>巡查轨迹：</translation>
    </message>
    <message>
        <source>Grids the chosen patrol saw (double-click to show):</source>
        <translation>所选巡查覆盖的网格（双击显示）：</translation>
    </message>
    <message>
        <source>Cases found on it (double-click to open):</source>
        <translation>巡查中发现的案件（双击打开）：</translation>
    </message>
    <message>
        <source>Import a patrol track</source>
        <translation>导入巡查轨迹</translation>
    </message>
    <message>
        <source>GPS logs (*.gpx *.nmea *.log *.txt);;All files (*)</source>
        <translation>GPS 日志 (*.gpx *.nmea *.log *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>没有打开的工作区。</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>未导入：%1</translation>
    </message>
    <message numerus="yes">
        <source>Imported %1 as %2&apos;s patrol: %n fix(es), %3 m, %4 grid(s) seen.</source>
        <translation>
            <numerusform>已将 %1 导入为 %2 的巡查：%n 个定位点，%3 米，巡查到 %4 个网格。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1 of %2 m²</source>
        <translation>%1 / %2 平方米</translation>
    </message>
    <message>
        <source>not judged: no whole %1</source>
        <translation>未评定：没有完整的%1</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n</source>
        <extracomment>%1 periods with enough patrols, %n periods judged</extracomment>
        <translation>
            <numerusform>%1 / %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the log…</source>
        <translation>正在读取日志…</translation>
    </message>
    <message>
        <source>Working out the grids the track saw…</source>
        <translation>正在计算轨迹经过的网格…</translation>
    </message>
    <message>
        <source>Saving the fixes…</source>
        <translation>正在保存定位点…</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>&amp;Edit plan…</source>
        <translation>编辑计划(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Remove plan…</source>
        <translation>删除计划(&amp;R)…</translation>
    </message>
    <message>
        <source>Stop the import; nothing of the log is kept.</source>
        <translation>停止导入；日志的内容一概不保留。</translation>
    </message>
    <message>
        <source>Enter or double-click edits a plan, Delete removes it.</source>
        <translation>按 Enter 或双击编辑计划，按 Delete 删除。</translation>
    </message>
    <message>
        <source>&amp;Add plan…</source>
        <translation>添加计划(&amp;A)…</translation>
    </message>
    <message>
        <source>Plan what the grid&apos;s patrols check, how often and by whom.</source>
        <translation>规划网格巡查的检查内容、频次和人员。</translation>
    </message>
    <message>
        <source>Patrol plans:</source>
        <translation>巡查计划：</translation>
    </message>
    <message>
        <source>%1 is still being imported; wait for it or cancel it first.</source>
        <translation>%1 仍在导入中；请等待完成或先取消。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <extracomment>%1 is a file name</extracomment>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>The patrol plan was not saved: %1</source>
        <translation>巡查计划未保存：%1</translation>
    </message>
    <message>
        <source>Patrol plan %1 saved: grid %2, %3.</source>
        <extracomment>%1 is a plan number, %2 a grid code, %3 how often and by whom</extracomment>
        <translation>巡查计划 %1 已保存：网格 %2，%3。</translation>
    </message>
    <message>
        <source>Remove patrol plan</source>
        <translation>删除巡查计划</translation>
    </message>
    <message>
        <source>Remove the patrol plan of grid %1, %2, checking %3? Its patrols stay; only the plan goes.</source>
        <extracomment>%1 is a grid code, %2 how often and by whom, %3 what is checked</extracomment>
        <translation>删除网格 %1 的巡查计划（%2，检查%3）？已有巡查记录保留，只删除计划。</translation>
    </message>
    <message>
        <source>The patrol plan was not removed: %1</source>
        <translation>巡查计划未删除：%1</translation>
    </message>
    <message>
        <source>Patrol plan %1 removed.</source>
        <translation>巡查计划 %1 已删除。</translation>
    </message>
    <message>
        <source>Loading the patrol tracks…</source>
        <translation>正在加载巡查轨迹…</translation>
    </message>
    <message>
        <source>The patrol tracks are still being loaded; import again once they are shown.</source>
        <translation>巡查轨迹仍在加载；请待其显示后再导入。</translation>
    </message>
    <message>
        <source>The track was imported, but the patrol tracks could not be read again: %1</source>
        <extracomment>%1 says why</extracomment>
        <translation>轨迹已导入，但无法重新读取巡查轨迹：%1</translation>
    </message>
</context>
<context>
    <name>GridDesk::PeopleModel</name>
    <message>
        <source>Revealed in this session; the reveal is recorded.</source>
        <translation>本次会话中已查看；查看已记录。</translation>
    </message>
    <message>
        <source>Masked. Reveal it with a reason to see the whole number.</source>
        <translation>已遮盖。说明理由后可查看完整号码。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Grids</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
</context>
<context>
    <name>GridDesk::PersonDialog</name>
    <message>
        <source>Add person</source>
        <translation>新增人员</translation>
    </message>
    <message>
        <source>Edit person</source>
        <translation>编辑人员</translation>
    </message>
    <message>
        <source>grid codes, separated by ; or spaces</source>
        <translation>网格代码，以 ; 或空格分隔</translation>
    </message>
    <message>
        <source>Left masked, the number on file is kept.</source>
        <translation>保持遮盖时，保留原有号码。</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Post:</source>
        <translation>岗位(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Unit code:</source>
        <translation>单位代码(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Grids:</source>
        <translation>网格(&amp;G)：</translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation>电话(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;ID number:</source>
        <translation>身份证号(&amp;I)：</translation>
    </message>
    <message>
        <source>No unit has this code.</source>
        <translation>没有单位使用此代码。</translation>
    </message>
</context>
<context>
    <name>GridDesk::PlanPeriodChooser</name>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation>自定日期</translation>
    </message>
    <message>
        <source>The period the patrol plans are judged over.</source>
        <translation>评判巡查计划所用的时段。</translation>
    </message>
    <message>
        <source>The first day judged (UTC).</source>
        <translation>评判的第一天（UTC）。</translation>
    </message>
    <message>
        <source>The last day judged (UTC).</source>
        <translation>评判的最后一天（UTC）。</translation>
    </message>
    <message>
        <source>&amp;Judge plans over:</source>
        <translation>计划评判时段(&amp;J)：</translation>
    </message>
    <message>
        <source>to</source>
        <extracomment>between the first and the last day of a period</extracomment>
        <translation>至</translation>
    </message>
    <message>
        <source>Nothing of this period has ended yet: plans are judged on the days, weeks and months that have ended.</source>
        <translation>该时段尚无已结束的部分：计划只按已结束的日、周、月评判。</translation>
    </message>
    <message>
        <source>Judged from %1 to %2, on the days, weeks and months that have ended.</source>
        <translation>评判时段 %1 至 %2，只计已结束的日、周、月。</translation>
    </message>
</context>
<context>
    <name>GridDesk::Preferences</name>
    <message>
        <source>The server&apos;s address must be https://HOST:PORT, such as https://griddesk.example.org:8443, not &quot;%1&quot;.</source>
        <translation>服务器地址须为 https://主机:端口，例如 https://griddesk.example.org:8443，而不是“%1”。</translation>
    </message>
    <message>
        <source>The city CA certificate file %1 does not exist.</source>
        <translation>城市 CA 证书文件 %1 不存在。</translation>
    </message>
    <message>
        <source>The city CA certificate file cannot be used: %1</source>
        <translation>城市 CA 证书文件无法使用：%1</translation>
    </message>
    <message>
        <source>The share of a stage&apos;s time that alerts must lie between 1 % and 99 %, not %1 %.</source>
        <translation>触发提醒的环节时限比例须在 1% 到 99% 之间，而不是 %1%。</translation>
    </message>
    <message>
        <source>The alarm level that makes a case urgent must be 1 to 4, not %1.</source>
        <translation>使案件成为紧急案件的报警级别须为 1 到 4，而不是 %1。</translation>
    </message>
    <message>
        <source>The workspace to open at start, %1, does not exist; choose a workspace file or leave it empty to open the last workspace.</source>
        <translation>启动时打开的工作区 %1 不存在；请选择一个工作区文件，或留空以打开上次的工作区。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a language of GridDesk; choose zh_CN or en.</source>
        <translation>“%1”不是 GridDesk 支持的语言；请选择 zh_CN 或 en。</translation>
    </message>
    <message>
        <source>The radius of case dots must be 1 to 12 pixels, not %1.</source>
        <translation>案件圆点半径须为 1 到 12 像素，而不是 %1。</translation>
    </message>
</context>
<context>
    <name>GridDesk::PreferencesDialog</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Map styles</source>
        <translation>地图样式</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>the workspace open last</source>
        <translation>上次打开的工作区</translation>
    </message>
    <message>
        <source>Open at start:</source>
        <translation>启动时打开：</translation>
    </message>
    <message>
        <source>Workspace opened at start</source>
        <translation>启动时打开的工作区</translation>
    </message>
    <message>
        <source>GridDesk workspaces (*.gpkg)</source>
        <translation>GridDesk 工作区 (*.gpkg)</translation>
    </message>
    <message>
        <source>Leave it empty to open the workspace that was open last. A workspace named on the command line is opened instead.</source>
        <translation>留空则打开上次打开的工作区。命令行中指定的工作区优先。</translation>
    </message>
    <message>
        <source>https://HOST:PORT</source>
        <translation>https://主机:端口</translation>
    </message>
    <message>
        <source>none: the system&apos;s trusted certificates</source>
        <translation>无：使用系统信任的证书</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>服务器地址：</translation>
    </message>
    <message>
        <source>City CA certificate:</source>
        <translation>城市 CA 证书：</translation>
    </message>
    <message>
        <source>The city&apos;s CA certificate</source>
        <translation>城市的 CA 证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Sync → Connect to server… offers these the next time; a connection made now stays as it is.</source>
        <translation>“同步 → 连接服务器…”下次将提供这些设置；当前已建立的连接保持不变。</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>The language changes at the next start of GridDesk; dates, numbers and the order of names follow it. The GRIDDESK_LANG environment variable, when set, comes before this choice.</source>
        <translation>语言在 GridDesk 下次启动时更改；日期、数字和名称排序随之变化。设置了 GRIDDESK_LANG 环境变量时，以该变量为准。</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Restore the standard look</source>
        <translation>恢复标准外观</translation>
    </message>
    <message>
        <source>Background:</source>
        <translation>背景：</translation>
    </message>
    <message>
        <source>Base grid fill:</source>
        <translation>基础网格填充：</translation>
    </message>
    <message>
        <source>Open cases:</source>
        <translation>未结案件：</translation>
    </message>
    <message>
        <source>Closed cases:</source>
        <translation>已结案件：</translation>
    </message>
    <message>
        <source>Case dot radius:</source>
        <translation>案件圆点半径：</translation>
    </message>
    <message>
        <source>The map is drawn again with these when they are applied.</source>
        <translation>应用后地图将按这些设置重新绘制。</translation>
    </message>
    <message>
        <source>no alert</source>
        <translation>不提醒</translation>
    </message>
    <message>
        <source>Alert when a case&apos;s deadline passes</source>
        <translation>案件超过期限时提醒</translation>
    </message>
    <message>
        <source>Alert for urgent cases coming in</source>
        <translation>有紧急案件进入时提醒</translation>
    </message>
    <message>
        <source>Also in the system tray</source>
        <translation>同时在系统托盘提醒</translation>
    </message>
    <message>
        <source>Beep with each alert</source>
        <translation>每次提醒时响铃</translation>
    </message>
    <message>
        <source>Alert when a stage has used:</source>
        <translation>环节时限用去以下比例时提醒：</translation>
    </message>
    <message>
        <source>Urgent from alarm level:</source>
        <translation>紧急案件的报警级别下限：</translation>
    </message>
    <message>
        <source>A case is urgent when a sensor or video alarm of this level or higher filed it, or when someone marks it special.</source>
        <translation>由此级别或更高级别的传感器或视频报警生成的案件，或被标为特殊的案件，视为紧急案件。</translation>
    </message>
    <message>
        <source>This desktop has no system tray: alerts show in the window only.</source>
        <translation>此桌面没有系统托盘：提醒只在窗口中显示。</translation>
    </message>
    <message>
        <source>Choose a colour</source>
        <translation>选择颜色</translation>
    </message>
    <message>
        <source>Saved. The new language takes effect at the next start of GridDesk.</source>
        <translation>已保存。新语言将在 GridDesk 下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>GridDesk::Printout</name>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>GridDesk::PublishDialog</name>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Publish grid edition</source>
        <translation>发布网格版本</translation>
    </message>
    <message>
        <source>Open cases moving to another grid: %1 · closed cases whose grid now covers other ground: %2 · routing rules to review: %3 · staff assignments to review: %4</source>
        <extracomment>Totals of the impact preview before publishing grid changes</extracomment>
        <translation>将改划网格的未办结案件：%1 · 所在网格范围已变化的已办结案件：%2 · 需复核的派遣规则：%3 · 需复核的人员配置：%4</translation>
    </message>
    <message>
        <source>What changed and why, for the edition&apos;s history</source>
        <translation>变更内容和原因，将记入版本记录</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>发布(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>说明(&amp;N)：</translation>
    </message>
    <message>
        <source>Publishing makes the draft the current grid map. Open cases are moved to the grid now containing them; closed cases keep their grid.</source>
        <translation>发布后，草稿将成为当前的网格地图。未办结案件改划到现在包含其位置的网格；已办结案件保留原网格。</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Open cases in</source>
        <translation>移入的未办结案件</translation>
    </message>
    <message>
        <source>Open cases out</source>
        <translation>移出的未办结案件</translation>
    </message>
    <message>
        <source>Closed cases affected</source>
        <translation>受影响的已办结案件</translation>
    </message>
    <message>
        <source>Routing rules</source>
        <translation>派遣规则</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Write a note saying what this edition changes.</source>
        <translation>请填写说明，写明本版本的变更内容。</translation>
    </message>
    <message>
        <source>Not published: %1</source>
        <translation>未发布：%1</translation>
    </message>
</context>
<context>
    <name>GridDesk::QueueView</name>
    <message>
        <source>My inbox</source>
        <translation>我的待办</translation>
    </message>
    <message>
        <source>To register</source>
        <translation>待立案</translation>
    </message>
    <message>
        <source>To dispatch</source>
        <translation>待派遣</translation>
    </message>
    <message>
        <source>In handling</source>
        <translation>处置中</translation>
    </message>
    <message>
        <source>Awaiting verification</source>
        <translation>待核查</translation>
    </message>
    <message>
        <source>Supervised</source>
        <translation>督办中</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>全部案件</translation>
    </message>
</context>
<context>
    <name>GridDesk::Register</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>register entry %1</source>
        <translation>台账条目 %1</translation>
    </message>
    <message>
        <source>Keeping the history of %1</source>
        <translation>正在保存 %1 的历史记录</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; duplicates the register entry %3 (&quot;%4&quot;); change that entry instead.</source>
        <translation>%1“%2”与台账条目 %3（“%4”）重复；请改为修改该条目。</translation>
    </message>
    <message>
        <source>Reading the register</source>
        <translation>正在读取台账</translation>
    </message>
    <message>
        <source>%1 entries have no field &quot;%2&quot;; their fields are %3.</source>
        <translation>%1 条目没有字段“%2”；其字段为 %3。</translation>
    </message>
    <message>
        <source>There is no grid %1 to put the entry in.</source>
        <translation>不存在可放入该条目的网格 %1。</translation>
    </message>
    <message>
        <source>the geometry cannot be read: %1</source>
        <translation>无法读取几何图形：%1</translation>
    </message>
    <message>
        <source>a register entry stands at a point or covers a polygon; this geometry is a %1.</source>
        <translation>台账条目应位于一个点或覆盖一个多边形；此几何图形为 %1。</translation>
    </message>
    <message>
        <source>the geometry is not valid: %1</source>
        <translation>几何图形无效：%1</translation>
    </message>
    <message>
        <source>The register has no kind &quot;%1&quot;; its kinds are %2.</source>
        <translation>台账中没有类别“%1”；现有类别为 %2。</translation>
    </message>
    <message>
        <source>A register entry needs a name.</source>
        <translation>台账条目须有名称。</translation>
    </message>
    <message>
        <source>The register has no kind &quot;%1&quot;.</source>
        <translation>台账中没有类别“%1”。</translation>
    </message>
    <message>
        <source>Numbering register entries</source>
        <translation>正在为台账条目编号</translation>
    </message>
    <message>
        <source>Storing the register entry %1</source>
        <translation>正在存储台账条目 %1</translation>
    </message>
    <message>
        <source>Changing the register entry %1</source>
        <translation>正在修改台账条目 %1</translation>
    </message>
    <message>
        <source>The register entry %1 was changed meanwhile; read it again.</source>
        <translation>台账条目 %1 已在此期间被修改；请重新读取。</translation>
    </message>
    <message>
        <source>Say who adds the entry.</source>
        <translation>请指明添加该条目的人。</translation>
    </message>
    <message>
        <source>The register has an entry %1 already.</source>
        <translation>台账中已有条目 %1。</translation>
    </message>
    <message>
        <source>Say who changes the entry.</source>
        <translation>请指明修改该条目的人。</translation>
    </message>
    <message>
        <source>The register has no entry %1.</source>
        <translation>台账中没有条目 %1。</translation>
    </message>
    <message>
        <source>The register entry %1 is at version %2 now, not %3; read it again.</source>
        <translation>台账条目 %1 现在是第 %2 版，而不是第 %3 版；请重新读取。</translation>
    </message>
    <message>
        <source>Say who merges the entries.</source>
        <translation>请指明合并条目的人。</translation>
    </message>
    <message>
        <source>An entry cannot be merged into itself.</source>
        <translation>条目不能与自身合并。</translation>
    </message>
    <message>
        <source>%1 is a %2 and %3 a %4: only entries of one kind can be merged.</source>
        <translation>%1 属于 %2，%3 属于 %4：只能合并同一类别的条目。</translation>
    </message>
    <message>
        <source>merged into %1</source>
        <translation>已并入 %1</translation>
    </message>
    <message>
        <source>Removing the merged entry %1</source>
        <translation>正在删除已合并的条目 %1</translation>
    </message>
    <message>
        <source>merged with %1</source>
        <translation>已与 %1 合并</translation>
    </message>
    <message>
        <source>Say who verified the entry.</source>
        <translation>请指明核实该条目的人。</translation>
    </message>
    <message>
        <source>Reading the history of %1</source>
        <translation>正在读取 %1 的历史记录</translation>
    </message>
    <message>
        <source>Counting the register</source>
        <translation>正在统计台账</translation>
    </message>
    <message>
        <source>grid edition %1: from %2 to %3</source>
        <translation>网格版本 %1：从 %2 移至 %3</translation>
    </message>
    <message>
        <source>no grid</source>
        <translation>无网格</translation>
    </message>
    <message>
        <source>Updating the register&apos;s extent</source>
        <translation>正在更新台账的范围</translation>
    </message>
    <message>
        <source>%1 has no field &quot;%2&quot; named in the mapping; its fields are %3.</source>
        <translation>%1 没有映射中指定的字段“%2”；其字段为 %3。</translation>
    </message>
    <message>
        <source>The mapping sends &quot;%1&quot; to &quot;%2&quot;, which %3 entries do not have; they have %4.</source>
        <translation>映射将“%1”对应到“%2”，但 %3 条目没有该字段；其字段为 %4。</translation>
    </message>
    <message>
        <source>The mapping sets &quot;%1&quot;, which %2 entries do not have; they have %3.</source>
        <translation>映射设置了“%1”，但 %2 条目没有该字段；其字段为 %3。</translation>
    </message>
    <message>
        <source>Nothing in %1 is mapped to the entries&apos; name; map one of %2 to &quot;name&quot;.</source>
        <translation>%1 中没有字段映射到条目名称；请将 %2 之一映射到 &quot;name&quot;。</translation>
    </message>
    <message>
        <source>Fields not imported: %1.</source>
        <translation>未导入的字段：%1。</translation>
    </message>
    <message>
        <source>changes %1</source>
        <translation>修改了 %1</translation>
    </message>
    <message>
        <source>duplicates feature %1 of the file</source>
        <translation>与文件中的要素 %1 重复</translation>
    </message>
    <message>
        <source>duplicates feature %1 of the file, which updates %2</source>
        <translation>与文件中的要素 %1 重复，该要素将更新 %2</translation>
    </message>
    <message>
        <source>import of %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>%1: %2 created, %3 updated, %4 unchanged, %5 refused</source>
        <translation>%1：新建 %2 条，更新 %3 条，未变 %4 条，拒绝 %5 条</translation>
    </message>
    <message>
        <source>Say who imports the register entries.</source>
        <translation>请指明导入台账条目的人。</translation>
    </message>
    <message>
        <source>%1: &quot;fields&quot; must be an object of source field → register field.</source>
        <translation>%1：&quot;fields&quot; 必须是“源字段 → 台账字段”形式的对象。</translation>
    </message>
    <message>
        <source>%1: the source field &quot;%2&quot; maps to no register field; give a field name or a list of them.</source>
        <translation>%1：源字段“%2”未映射到任何台账字段；请给出一个字段名或字段名列表。</translation>
    </message>
    <message>
        <source>The mapping file %1 does not exist.</source>
        <translation>映射文件 %1 不存在。</translation>
    </message>
    <message>
        <source>The mapping file %1 cannot be read: %2</source>
        <translation>无法读取映射文件 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not JSON: %2 at character %3.</source>
        <translation>%1 不是有效的 JSON：第 %3 个字符处出错（%2）。</translation>
    </message>
    <message>
        <source>%1: a mapping is a JSON object with &quot;fields&quot;.</source>
        <translation>%1：映射应为包含 &quot;fields&quot; 的 JSON 对象。</translation>
    </message>
    <message>
        <source>%1 maps no fields: give &quot;fields&quot; (source field → register field).</source>
        <translation>%1 未映射任何字段：请给出 &quot;fields&quot;（源字段 → 台账字段）。</translation>
    </message>
    <message>
        <source>The role &quot;%1&quot; may not see the register&apos;s personal data.</source>
        <translation>角色“%1”无权查看台账中的个人信息明文。</translation>
    </message>
    <message>
        <source>A reveal needs the name of who asks.</source>
        <translation>查看个人信息明文须说明查看人。</translation>
    </message>
    <message>
        <source>A reveal needs a reason: say why the personal data is needed.</source>
        <translation>查看个人信息明文须说明理由：为何需要这些个人信息。</translation>
    </message>
    <message>
        <source>The reveal could not be recorded: %1</source>
        <translation>无法记录本次查看：%1</translation>
    </message>
    <message>
        <source>Reading the register&apos;s reveal log failed: %1</source>
        <translation>读取台账的查看记录失败：%1</translation>
    </message>
    <message>
        <source>Reading the register&apos;s kinds</source>
        <translation>正在读取台账类别</translation>
    </message>
    <message>
        <source>Reading the register&apos;s fields</source>
        <translation>正在读取台账字段</translation>
    </message>
    <message>
        <source>The register field %1 of %2 has an unknown type or class.</source>
        <translation>%2 的台账字段 %1 的类型或类别未知。</translation>
    </message>
    <message>
        <source>field %1: &quot;%2&quot; is not a whole number.</source>
        <translation>字段 %1：“%2”不是整数。</translation>
    </message>
    <message>
        <source>field %1: &quot;%2&quot; is not a number.</source>
        <translation>字段 %1：“%2”不是数字。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot name a field: use lower-case letters, digits and underscores, starting with a letter.</source>
        <translation>“%1”不能用作字段名：请使用小写字母、数字和下划线，并以字母开头。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is part of every entry already.</source>
        <translation>“%1”已是每个条目的固有部分。</translation>
    </message>
    <message>
        <source>Defining the field %1 of %2</source>
        <translation>正在定义 %2 的字段 %1</translation>
    </message>
    <message>
        <source>An entry is stale after one day at the earliest, not %1.</source>
        <translation>条目最早在一天后才视为过期，而不是 %1。</translation>
    </message>
    <message>
        <source>Setting when entries are stale</source>
        <translation>正在设置条目的过期时间</translation>
    </message>
    <message>
        <source>field %1: &quot;%2&quot; is not a date (YYYY-MM-DD).</source>
        <translation>字段 %1：“%2”不是日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <source>The register entry %1 is chosen twice.</source>
        <translation>台账条目 %1 被选了两次。</translation>
    </message>
    <message>
        <source>Case %1 is linked to %2 already.</source>
        <translation>案件 %1 已经关联了 %2。</translation>
    </message>
    <message>
        <source>Case %1 is not linked to %2 as %3.</source>
        <translation>案件 %1 没有以 %3 身份关联 %2。</translation>
    </message>
    <message>
        <source>Linking case %1 to %2</source>
        <translation>把案件 %1 关联到 %2</translation>
    </message>
    <message>
        <source>Reading the links of case %1</source>
        <translation>读取案件 %1 的关联</translation>
    </message>
    <message>
        <source>Reading the links of cases to the register</source>
        <translation>读取案件与台账的关联</translation>
    </message>
    <message>
        <source>Handing the cases of %1 to %2</source>
        <translation>把 %1 的案件移交给 %2</translation>
    </message>
    <message>
        <source>Reading the remembered mappings: %1</source>
        <translation>读取已记住的字段映射：%1</translation>
    </message>
    <message>
        <source>Say which files the mapping is for: a file name, or one with * and ?.</source>
        <translation>请说明映射适用于哪些文件：一个文件名，或含 * 和 ? 的文件名。</translation>
    </message>
    <message>
        <source>Say which kind the mapping imports.</source>
        <translation>请说明映射导入的是哪一类条目。</translation>
    </message>
    <message>
        <source>Removing the register entry %1</source>
        <translation>正在删除台账条目 %1</translation>
    </message>
    <message>
        <source>The server&apos;s register entry %1 is of kind &quot;%2&quot;, which this workspace does not know.</source>
        <translation>服务器的台账条目 %1 属于类别“%2”，本工作区没有该类别。</translation>
    </message>
    <message>
        <source>Reading the register&apos;s history</source>
        <translation>正在读取台账历史</translation>
    </message>
</context>
<context>
    <name>GridDesk::RegisterMappingDialog</name>
    <message>
        <source>create</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Import the rest when some rows are refused</source>
        <translation>部分行被拒绝时仍导入其余行</translation>
    </message>
    <message>
        <source>Import into the register</source>
        <translation>导入台账</translation>
    </message>
    <message>
        <source>A CSV, XLSX, GeoJSON, Shapefile, GeoPackage … file</source>
        <translation>CSV、XLSX、GeoJSON、Shapefile、GeoPackage 等文件</translation>
    </message>
    <message>
        <source>The mapping is remembered for files named like this; * stands for any text, as in youbike_*.geojson</source>
        <translation>对名称与此相符的文件记住该映射；* 代表任意文字，如 youbike_*.geojson</translation>
    </message>
    <message>
        <source>Register field</source>
        <translation>台账字段</translation>
    </message>
    <message>
        <source>From column</source>
        <translation>来自列</translation>
    </message>
    <message>
        <source>Or the value</source>
        <translation>或固定值</translation>
    </message>
    <message>
        <source>First row</source>
        <translation>首行</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Would be</source>
        <translation>将会</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>The register cannot be read: %1</source>
        <translation>无法读取台账：%1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a register kind in English, then in Chinese</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Entries of kind:</source>
        <translation>条目类别：</translation>
    </message>
    <message>
        <source>Remember for files named:</source>
        <translation>记住用于名为以下的文件：</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>试运行</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Choose a file to import</source>
        <translation>选择要导入的文件</translation>
    </message>
    <message>
        <source>Vector files and tables (*.csv *.xlsx *.geojson *.json *.shp *.gpkg *.kml);;All files (*)</source>
        <translation>矢量文件和表格 (*.csv *.xlsx *.geojson *.json *.shp *.gpkg *.kml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Mapped as remembered for files named %1.</source>
        <translation>已按为名为 %1 的文件记住的映射对应。</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <extracomment>a register field&apos;s English and Chinese titles, then its key</extracomment>
        <translation>%1 %2（%3）</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— 无 —</translation>
    </message>
    <message>
        <source>Choose a file first.</source>
        <translation>请先选择文件。</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported: %n row(s) refused. Change the mapping, or tick &quot;Import the rest&quot;.</source>
        <translation>
            <numerusform>未导入任何内容：%n 行被拒绝。请修改映射，或勾选“仍导入其余行”。</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported, but the mapping could not be remembered: %1</source>
        <translation>已导入，但无法记住映射：%1</translation>
    </message>
    <message>
        <source>Imported; the mapping is remembered for files named %1.</source>
        <translation>已导入；已为名为 %1 的文件记住该映射。</translation>
    </message>
    <message>
        <source>%1 as %2: %3 created, %4 updated, %5 unchanged, %6 refused%7</source>
        <extracomment>%1 is a file, %2 a kind; the counts follow</extracomment>
        <translation>%1 作为%2：新建 %3，更新 %4，未变 %5，拒绝 %6%7</translation>
    </message>
    <message>
        <source> (dry run: nothing written)</source>
        <translation> （试运行：未写入）</translation>
    </message>
    <message>
        <source>%1
Give the file&apos;s coordinate system as an EPSG code under &quot;Source CRS&quot;.</source>
        <translation>%1
请在“源坐标系”中以 EPSG 代码给出文件的坐标系。</translation>
    </message>
    <message>
        <source>%1
Choose the file&apos;s text encoding under &quot;Text encoding&quot;.</source>
        <translation>%1
请在“文本编码”中选择文件的文本编码。</translation>
    </message>
    <message>
        <source>The layer of a file that holds several (a GeoPackage, a workbook)</source>
        <translation>含多个图层的文件（GeoPackage、工作簿）中要读取的图层</translation>
    </message>
    <message>
        <source>As declared or detected</source>
        <translation>按文件声明或自动识别</translation>
    </message>
    <message>
        <source>GBK / GB18030 (Simplified Chinese)</source>
        <translation>GBK / GB18030（简体中文）</translation>
    </message>
    <message>
        <source>Big5 (Traditional Chinese)</source>
        <translation>Big5（繁体中文）</translation>
    </message>
    <message>
        <source>For a CSV file or a shapefile that does not say how its text is encoded, or says it wrongly</source>
        <translation>用于未声明文本编码或声明错误的 CSV 文件或 Shapefile</translation>
    </message>
    <message>
        <source>The file&apos;s own; or an EPSG code, such as 3826</source>
        <translation>文件自带的；或 EPSG 代码，如 3826</translation>
    </message>
    <message>
        <source>For a file without a coordinate system, or with a wrong one</source>
        <translation>用于没有坐标系或坐标系错误的文件</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>图层：</translation>
    </message>
    <message>
        <source>Text encoding:</source>
        <translation>文本编码：</translation>
    </message>
    <message>
        <source>Source CRS:</source>
        <translation>源坐标系：</translation>
    </message>
    <message>
        <source>The layer &quot;%1&quot; remembered for such files is not in this one; its first layer is read.</source>
        <translation>为此类文件记住的图层“%1”不在本文件中；改为读取其第一个图层。</translation>
    </message>
    <message>
        <source>As declared or detected (%1)</source>
        <translation>按文件声明或自动识别（%1）</translation>
    </message>
    <message>
        <source>The file names no coordinate system.</source>
        <translation>文件未注明坐标系。</translation>
    </message>
    <message>
        <source>Read as %1</source>
        <translation>按 %1 读取</translation>
    </message>
    <message>
        <source>%1 has no layer &quot;%2&quot;; its layers are %3.</source>
        <translation>%1 没有图层“%2”；其图层为 %3。</translation>
    </message>
    <message>
        <source>The encoding &quot;%1&quot; is not one offered; choose UTF-8, GBK or Big5.</source>
        <translation>编码“%1”不在可选范围内；请选择 UTF-8、GBK 或 Big5。</translation>
    </message>
    <message>
        <source>%1 names no coordinate system: give it as an EPSG code under &quot;Source CRS&quot; (4326 for longitude and latitude).</source>
        <translation>%1 未注明坐标系：请在“源坐标系”中以 EPSG 代码给出（经纬度为 4326）。</translation>
    </message>
</context>
<context>
    <name>GridDesk::RegisterPanel</name>
    <message>
        <source>Only due a visit</source>
        <translation>仅显示待走访</translation>
    </message>
    <message>
        <source>Reveal personal data…</source>
        <translation>查看个人信息明文…</translation>
    </message>
    <message>
        <source>Leaders and administrators may see names, ID numbers, phone numbers and people&apos;s addresses; each reveal is recorded with its reason.</source>
        <translation>领导和管理员可查看姓名、身份证号、电话号码和人员住址；每次查看都会连同理由一并记录。</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a register kind in English, then in Chinese</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>The register could not be opened: %1</source>
        <translation>无法打开台账：%1</translation>
    </message>
    <message>
        <source>The whole register</source>
        <translation>全部台账</translation>
    </message>
    <message>
        <source>Register of %1</source>
        <translation>%1 的台账</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>没有打开的工作区。</translation>
    </message>
    <message>
        <source>The register could not be read: %1</source>
        <translation>无法读取台账：%1</translation>
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
            <numerusform>%1 — %n 条待走访</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Personal data of %n entry(ies) shown; the reveal is recorded.</source>
        <extracomment>%n is how many entries are shown unmasked</extracomment>
        <translation>
            <numerusform>已显示 %n 个条目的个人信息明文；本次查看已记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Reveal personal data</source>
        <translation>查看个人信息明文</translation>
    </message>
    <message numerus="yes">
        <source>Why do you need to see the personal data of these %n entry(ies)? The reason is recorded.</source>
        <translation>
            <numerusform>为何需要查看这 %n 个条目的个人信息明文？理由将被记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Double-click a case to open it</source>
        <translation>双击案件可打开</translation>
    </message>
    <message>
        <source>Name or address begins with…</source>
        <translation>名称或地址开头为…</translation>
    </message>
    <message>
        <source>Import entries from a CSV, XLSX or GIS file, mapping its columns</source>
        <translation>从 CSV、XLSX 或 GIS 文件导入条目，并对应其列</translation>
    </message>
    <message>
        <source>Choose an entry to see its cases.</source>
        <translation>选择一个条目以查看其案件。</translation>
    </message>
    <message>
        <source>The cases of %1 could not be read: %2</source>
        <translation>无法读取 %1 的案件：%2</translation>
    </message>
    <message numerus="yes">
        <source>Cases of %1: %n</source>
        <extracomment>%1 is a register entry&apos;s code, %n how many cases are linked to it</extracomment>
        <translation>
            <numerusform>%1 的案件：%n</numerusform>
        </translation>
    </message>
    <message>
        <source>Case %1 · %2 · %3 · %4</source>
        <extracomment>a case linked to a register entry: its number, state, category and description</extracomment>
        <translation>案件 %1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>Reported: %1</source>
        <translation>上报：%1</translation>
    </message>
    <message>
        <source>workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>%1: %2 created, %3 updated in the register.</source>
        <translation>%1：台账中新建 %2 条，更新 %3 条。</translation>
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
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Last verified</source>
        <translation>最近核实</translation>
    </message>
</context>
<context>
    <name>GridDesk::RejectedCommandsModel</name>
    <message>
        <source>%1 (%2 %3)</source>
        <extracomment>a case&apos;s number at this desk, and its channel and id there</extracomment>
        <translation>%1（%2 %3）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>a refusal in words, and its code as the server sent it</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Made by</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Made at</source>
        <translation>操作时间</translation>
    </message>
    <message>
        <source>Refusal</source>
        <translation>拒绝原因</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Grid map (drawn on edition %1)</source>
        <extracomment>%1 is the grid edition a draft was drawn on</extracomment>
        <translation>网格地图（基于版本 %1 绘制）</translation>
    </message>
    <message>
        <source>Publish grid edition</source>
        <translation>发布网格版本</translation>
    </message>
    <message>
        <source>Org chart (made on revision %1)</source>
        <extracomment>%1 is the server&apos;s revision of the org chart the change was made on</extracomment>
        <translation>组织架构（基于第 %1 版修改）</translation>
    </message>
    <message>
        <source>Change org chart</source>
        <translation>修改组织架构</translation>
    </message>
    <message>
        <source>Register entry %1 (made on version %2)</source>
        <extracomment>%1 is a register entry&apos;s code, %2 the entry&apos;s version the change was made on</extracomment>
        <translation>台账条目 %1（基于版本 %2）</translation>
    </message>
    <message>
        <source>Change register entry</source>
        <translation>修改台账条目</translation>
    </message>
</context>
<context>
    <name>GridDesk::RejectedCommandsView</name>
    <message>
        <source>Redo on the new state</source>
        <translation>在新状态上重做</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>The server has applied or is still to answer every command of this desk; none waits here.</source>
        <translation>本席位的命令均已被服务器执行或尚待答复；这里没有待处理的命令。</translation>
    </message>
    <message numerus="yes">
        <source>The server did not apply %n command(s) of this desk. Redo each on the case as it is now, or discard it.</source>
        <translation>
            <numerusform>服务器未执行本席位的 %n 条命令。请在案件当前状态上逐条重做，或放弃。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 made this command; they, a supervisor or a leader settle it.</source>
        <extracomment>%1 is the person who made a rejected command</extracomment>
        <translation>该命令由 %1 发出；须由本人、监督员或领导处理。</translation>
    </message>
    <message>
        <source>A rejected report cannot be redone as it was; report the case again with what the server needs, or discard it.</source>
        <translation>被拒绝的上报不能按原样重做；请按服务器的要求重新上报案件，或放弃。</translation>
    </message>
    <message>
        <source>Take the action again on the case as the server left it; it goes out with the next sync.</source>
        <translation>在服务器上案件的当前状态上再次执行该操作；随下次同步发出。</translation>
    </message>
    <message>
        <source>Set the action aside for good; it stays listed in the outbox.</source>
        <translation>永久搁置该操作；它仍列在待发箱中。</translation>
    </message>
    <message>
        <source>The draft is still in the grid editor: fix what the server found and publish it again, then discard this command.</source>
        <translation>草稿仍在网格编辑器中：修正服务器发现的问题后再次发布，然后舍弃此命令。</translation>
    </message>
    <message>
        <source>Attach the file again to the case as it is now, then discard this command.</source>
        <translation>请把文件重新附加到案件的当前状态上，然后舍弃此命令。</translation>
    </message>
    <message>
        <source>Put the units, people and groups this command changed as it had them into the server&apos;s chart, and send that; everything else stays as the server has it.</source>
        <translation>把此命令改动的单位、人员和小组按其当时的样子放入服务器的组织架构并发送；其余一切保持服务器的样子。</translation>
    </message>
    <message>
        <source>A refused new entry cannot be made again as it was: add it again with what the server needs, or merge it with the entry it duplicates, then discard this command.</source>
        <translation>被拒绝的新条目不能按原样重做：请按服务器的要求重新添加，或将其与重复的条目合并，然后放弃此命令。</translation>
    </message>
    <message>
        <source>Make the change again on the entry as the server left it; it goes out with the next sync.</source>
        <translation>在服务器现有的条目上重做此修改；它将随下次同步发出。</translation>
    </message>
</context>
<context>
    <name>GridDesk::ReportDialog</name>
    <message>
        <source>Pick on map</source>
        <translation>在地图上选取</translation>
    </message>
    <message>
        <source>Report a case</source>
        <translation>上报案件</translation>
    </message>
    <message>
        <source>What the reporter describes</source>
        <translation>反映人描述的情况</translation>
    </message>
    <message>
        <source>longitude, latitude – or pick it on the map</source>
        <translation>经度, 纬度——或在地图上选取</translation>
    </message>
    <message>
        <source>Click the place on the map; this dialog stays open</source>
        <translation>在地图上点击位置；此对话框保持打开</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>描述：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>位置：</translation>
    </message>
    <message>
        <source>Came in by:</source>
        <translation>来源渠道：</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>上报</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Choose the category from the list.</source>
        <translation>请从列表中选择类别。</translation>
    </message>
    <message>
        <source>Give the location as longitude, latitude (e.g. 121.5654, 25.0330).</source>
        <translation>请按“经度, 纬度”填写位置（例如 121.5654, 25.0330）。</translation>
    </message>
    <message>
        <source>Say where: an address, a location, or both.</source>
        <translation>请说明地点：填写地址或位置，或两者都填。</translation>
    </message>
    <message>
        <source>No register entries here.</source>
        <translation>此处没有台账条目。</translation>
    </message>
    <message>
        <source>The register&apos;s entries at this place, nearest first: tick those the case concerns</source>
        <translation>此处的台账条目，由近及远：勾选案件涉及的条目</translation>
    </message>
    <message>
        <source>Name or phone number, to find them in the register</source>
        <translation>姓名或电话号码，用于在台账中查找</translation>
    </message>
    <message>
        <source>People of the register: click the one who reports</source>
        <translation>台账中的人员：点击上报的那一位</translation>
    </message>
    <message>
        <source>Reporter:</source>
        <translation>诉求人：</translation>
    </message>
    <message>
        <source>Register entries:</source>
        <translation>台账条目：</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a register entry&apos;s kind, then its name</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Reporter in the register: %1 (%2)</source>
        <extracomment>%1 is a person of the register as shown (masked), %2 the entry&apos;s code</extracomment>
        <translation>台账中的诉求人：%1（%2）</translation>
    </message>
    <message>
        <source>%1 m</source>
        <extracomment>%1 is a distance in whole metres</extracomment>
        <translation>%1 米</translation>
    </message>
</context>
<context>
    <name>GridDesk::RulesEditor</name>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Co-units</source>
        <translation>协办单位</translation>
    </message>
    <message>
        <source>&amp;Add rule</source>
        <translation>添加规则(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Try on past cases…</source>
        <translation>用历史案件试运行(&amp;T)…</translation>
    </message>
    <message>
        <source>Runs the rules as edited over past cases and compares their proposals with where the cases went. Nothing is saved.</source>
        <translation>用编辑中的规则对历史案件试运行，并将规则的建议与案件的实际去向进行比较。不会保存任何内容。</translation>
    </message>
    <message>
        <source>The first enabled rule that matches a case decides; empty conditions match anything. Times are HH:mm, co-units a list separated by commas. Double-click or press F2 to edit a cell; Space switches a rule on or off.</source>
        <translation>由第一条与案件匹配的已启用规则决定；条件留空则匹配任何值。时间格式为 HH:mm，协办单位用英文逗号分隔。双击或按 F2 编辑单元格；按空格键启用或停用规则。</translation>
    </message>
    <message>
        <source>Rule %1 in the table has no id.</source>
        <translation>表中第 %1 条规则没有编号。</translation>
    </message>
    <message>
        <source>Rule %1: &quot;%2&quot; is not a time such as 22:00.</source>
        <translation>规则 %1：“%2”不是 22:00 这样的时间。</translation>
    </message>
    <message>
        <source>New rule</source>
        <translation>新规则</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
</context>
<context>
    <name>GridDesk::RunAsDialog</name>
    <message>
        <source>%1 – %2</source>
        <extracomment>a local user and their role, e.g. &quot;Wang Fang – Operator&quot;</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 – %2, %3</source>
        <extracomment>a local user, their role and unit, e.g. &quot;Li Lei – Unit handler, Street one&quot;</extracomment>
        <translation>%1（%2，%3）</translation>
    </message>
    <message>
        <source>Run as</source>
        <translation>切换用户</translation>
    </message>
    <message>
        <source>Run as this user</source>
        <translation>以此用户身份操作</translation>
    </message>
    <message>
        <source>The desk acts as one of the workspace&apos;s local users: their role and unit decide what they may do and what is in their inbox.</source>
        <translation>工作台以工作区中某位本地用户的身份操作：该用户的角色和单位决定其可执行的操作以及待办中的案件。</translation>
    </message>
    <message>
        <source>Add a local user</source>
        <translation>添加本地用户</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>单位：</translation>
    </message>
    <message>
        <source>This workspace has no users yet. Add the first one below.</source>
        <translation>此工作区还没有用户。请在下方添加第一位用户。</translation>
    </message>
    <message>
        <source>Give the new user a name.</source>
        <translation>请填写新用户的姓名。</translation>
    </message>
    <message>
        <source>There is already a user called %1.</source>
        <translation>已有名为 %1 的用户。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an org unit of this workspace.</source>
        <translation>“%1”不是本工作区的组织单位。</translation>
    </message>
    <message>
        <source>A unit handler works for a unit: choose it.</source>
        <translation>处置单位人员须隶属于某个单位：请选择单位。</translation>
    </message>
    <message>
        <source>%1 was added.</source>
        <translation>已添加 %1。</translation>
    </message>
    <message>
        <source>Choose a user, or add one.</source>
        <translation>请选择一位用户，或添加新用户。</translation>
    </message>
</context>
<context>
    <name>GridDesk::Samples</name>
    <message>
        <source>There is no sample &quot;%1&quot; in %2.</source>
        <translation>%2 中没有示例“%1”。</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation>%1 不是有效的 JSON：%2</translation>
    </message>
    <message>
        <source>%1: unknown grid level; use one of %2.</source>
        <translation>%1：未知网格层级；请使用以下之一：%2。</translation>
    </message>
    <message>
        <source>%1: an org layer needs a tier from 1 to 6.</source>
        <translation>%1：组织图层的层级须为 1 到 6。</translation>
    </message>
    <message>
        <source>%1, feature %2: %3</source>
        <translation>%1，要素 %2：%3</translation>
    </message>
    <message>
        <source>sample %1</source>
        <extracomment>Who the history says built a sample workspace&apos;s org tree; %1 is the sample&apos;s key</extracomment>
        <translation>示例 %1</translation>
    </message>
</context>
<context>
    <name>GridDesk::Server</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1失败：%2</translation>
    </message>
    <message>
        <source>The server&apos;s password library (libsodium) could not be started.</source>
        <translation>服务器的密码库（libsodium）无法启动。</translation>
    </message>
    <message>
        <source>The password could not be hashed: the server is short of memory.</source>
        <translation>无法计算密码散列：服务器内存不足。</translation>
    </message>
    <message>
        <source>An account needs a user name.</source>
        <translation>账户需要用户名。</translation>
    </message>
    <message numerus="yes">
        <source>The user name is too long: at most %n characters.</source>
        <translation>
            <numerusform>用户名太长：最多 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>The user name &quot;%1&quot; starts or ends with a space.</source>
        <translation>用户名“%1”以空格开头或结尾。</translation>
    </message>
    <message>
        <source>The user name &quot;%1&quot; holds line breaks, tabs or other control characters.</source>
        <translation>用户名“%1”含有换行、制表符或其他控制字符。</translation>
    </message>
    <message numerus="yes">
        <source>The password is too short: it needs at least %n bytes.</source>
        <translation>
            <numerusform>密码太短：至少需要 %n 字节。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The password is too long: at most %n bytes.</source>
        <translation>
            <numerusform>密码太长：最多 %n 字节。</numerusform>
        </translation>
    </message>
    <message>
        <source>An account needs the code of its unit.</source>
        <translation>账户需要其所属单位的代码。</translation>
    </message>
    <message>
        <source>Looking up the unit %1</source>
        <translation>查找单位 %1</translation>
    </message>
    <message>
        <source>The unit %1 is not in the server&apos;s org chart.</source>
        <translation>服务器的组织架构中没有单位 %1。</translation>
    </message>
    <message>
        <source>The unit %1 is retired; give the account a unit that is still active.</source>
        <translation>单位 %1 已撤销；请为账户指定仍在运行的单位。</translation>
    </message>
    <message>
        <source>The account %1 has the role &quot;%2&quot;, which the server does not know.</source>
        <translation>账户 %1 的角色为“%2”，服务器不认识该角色。</translation>
    </message>
    <message>
        <source>Reading an account</source>
        <translation>读取账户</translation>
    </message>
    <message>
        <source>Ending the sessions of %1</source>
        <translation>结束 %1 的会话</translation>
    </message>
    <message>
        <source>Deleting expired sessions</source>
        <translation>删除已过期的会话</translation>
    </message>
    <message>
        <source>The user name or the password is wrong.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Too many failed logins: the account is locked until %1. Try again then, or ask an administrator to reset the password.</source>
        <translation>登录失败次数过多：账户锁定至 %1。请届时再试，或请管理员重置密码。</translation>
    </message>
    <message>
        <source>The account %1 is disabled; ask an administrator to enable it.</source>
        <translation>账户 %1 已停用；请管理员启用。</translation>
    </message>
    <message>
        <source>The session is not valid; log in again.</source>
        <translation>会话无效，请重新登录。</translation>
    </message>
    <message>
        <source>Counting a failed login</source>
        <translation>记录一次登录失败</translation>
    </message>
    <message>
        <source>Opening a session</source>
        <translation>建立会话</translation>
    </message>
    <message>
        <source>There is already an account named %1.</source>
        <translation>已有名为 %1 的账户。</translation>
    </message>
    <message>
        <source>Adding the account %1</source>
        <translation>添加账户 %1</translation>
    </message>
    <message>
        <source>Resetting the password of %1</source>
        <translation>重置 %1 的密码</translation>
    </message>
    <message>
        <source>There is no account named %1.</source>
        <translation>没有名为 %1 的账户。</translation>
    </message>
    <message>
        <source>Changing the account %1</source>
        <translation>修改账户 %1</translation>
    </message>
    <message>
        <source>Reading the accounts</source>
        <translation>读取账户列表</translation>
    </message>
    <message>
        <source>Checking a session</source>
        <translation>核验会话</translation>
    </message>
    <message>
        <source>The session has expired; log in again.</source>
        <translation>会话已过期，请重新登录。</translation>
    </message>
    <message>
        <source>The account of this session no longer exists.</source>
        <translation>该会话的账户已不存在。</translation>
    </message>
    <message>
        <source>Ending a session</source>
        <translation>结束会话</translation>
    </message>
    <message>
        <source>An audit entry needs to say what happened.</source>
        <translation>审计记录须说明发生了什么。</translation>
    </message>
    <message>
        <source>The audit trail could not be written: %1</source>
        <translation>无法写入审计记录：%1</translation>
    </message>
    <message>
        <source>Reading the audit trail failed: %1</source>
        <translation>读取审计记录失败：%1</translation>
    </message>
    <message>
        <source>no detail</source>
        <translation>无详情</translation>
    </message>
    <message>
        <source>%1 failed (OpenSSL: %2).</source>
        <translation>%1失败（OpenSSL：%2）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither an IP address nor a host name a certificate can hold.</source>
        <translation>“%1”既不是 IP 地址，也不是证书可容纳的主机名。</translation>
    </message>
    <message>
        <source>A server certificate needs at least one host name or address.</source>
        <translation>服务器证书至少需要一个主机名或地址。</translation>
    </message>
    <message>
        <source>The first host, %1, is longer than the %2 characters a certificate&apos;s common name may have; give a shorter name first.</source>
        <translation>第一个主机 %1 超过了证书通用名允许的 %2 个字符；请把较短的名称放在前面。</translation>
    </message>
    <message>
        <source>A certificate is valid for 1 to %1 days, not %2.</source>
        <translation>证书有效期为 1 到 %1 天，而不是 %2 天。</translation>
    </message>
    <message>
        <source>A certificate and its key each need a file name.</source>
        <translation>证书和密钥各需要一个文件名。</translation>
    </message>
    <message>
        <source>%1 exists already; certificates and keys are never overwritten. Move it away or choose another file.</source>
        <translation>%1 已存在；证书和密钥从不覆盖。请将其移走或另选文件。</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>The certificate and its key need two different files, not %1 for both.</source>
        <translation>证书和密钥需要两个不同的文件，不能都用 %1。</translation>
    </message>
    <message>
        <source>Making an EC P-256 key</source>
        <translation>生成 EC P-256 密钥</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is too large to be a PEM certificate or key.</source>
        <translation>%1 太大，不可能是 PEM 证书或密钥。</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>读取 %1</translation>
    </message>
    <message>
        <source>%1 is not a PEM certificate (OpenSSL: %2).</source>
        <translation>%1 不是 PEM 证书（OpenSSL：%2）。</translation>
    </message>
    <message>
        <source>%1 is not an unencrypted PEM private key (OpenSSL: %2).</source>
        <translation>%1 不是未加密的 PEM 私钥（OpenSSL：%2）。</translation>
    </message>
    <message>
        <source>Adding the extension %1 = %2</source>
        <translation>添加扩展 %1 = %2</translation>
    </message>
    <message>
        <source>Listing the certificate&apos;s hosts</source>
        <translation>列出证书的主机</translation>
    </message>
    <message>
        <source>Adding the certificate&apos;s hosts</source>
        <translation>添加证书的主机</translation>
    </message>
    <message>
        <source>Starting a certificate</source>
        <translation>开始制作证书</translation>
    </message>
    <message>
        <source>Dating the certificate</source>
        <translation>设定证书有效期</translation>
    </message>
    <message>
        <source>Naming the certificate %1</source>
        <translation>为证书命名 %1</translation>
    </message>
    <message>
        <source>Signing the certificate</source>
        <translation>签署证书</translation>
    </message>
    <message>
        <source>%1 could not be created: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Encoding the key</source>
        <translation>编码密钥</translation>
    </message>
    <message>
        <source>Encoding the certificate</source>
        <translation>编码证书</translation>
    </message>
    <message>
        <source>A certificate authority needs a name of 1 to %1 characters.</source>
        <translation>证书颁发机构需要 1 到 %1 个字符的名称。</translation>
    </message>
    <message>
        <source>A certificate&apos;s validity must end after it begins.</source>
        <translation>证书有效期的结束须晚于开始。</translation>
    </message>
    <message>
        <source>%1 is not the key of the certificate %2.</source>
        <translation>%1 不是证书 %2 的密钥。</translation>
    </message>
    <message>
        <source>%1 is not a certificate authority&apos;s certificate.</source>
        <translation>%1 不是证书颁发机构的证书。</translation>
    </message>
    <message>
        <source>The validity dates of %1 cannot be read.</source>
        <translation>无法读取 %1 的有效期。</translation>
    </message>
    <message>
        <source>The certificate %1 is valid only from %2 (UTC).</source>
        <translation>证书 %1 自 %2（UTC）起才有效。</translation>
    </message>
    <message>
        <source>The certificate %1 expired on %2 (UTC); clients will refuse it.</source>
        <translation>证书 %1 已于 %2（UTC）过期；客户端会拒绝它。</translation>
    </message>
    <message>
        <source>The body is not JSON: %1 at byte %2.</source>
        <translation>请求体不是 JSON：第 %2 字节处%1。</translation>
    </message>
    <message>
        <source>The body must be a JSON object.</source>
        <translation>请求体须为 JSON 对象。</translation>
    </message>
    <message>
        <source>The body has %1 bytes; this server takes at most %2.</source>
        <translation>请求体有 %1 字节；本服务器最多接受 %2 字节。</translation>
    </message>
    <message>
        <source>Log in first: the request has no &quot;Authorization: Bearer&quot; token.</source>
        <translation>请先登录：请求中没有“Authorization: Bearer”令牌。</translation>
    </message>
    <message>
        <source>A login has at most %1 bytes.</source>
        <translation>登录请求最多 %1 字节。</translation>
    </message>
    <message>
        <source>This server speaks sync protocol %1, not %2; update the workstation or the server.</source>
        <translation>本服务器使用同步协议 %1，而不是 %2；请更新工作站或服务器。</translation>
    </message>
    <message>
        <source>The body must hold &quot;commands&quot;, a list.</source>
        <translation>请求体须含列表“commands”。</translation>
    </message>
    <message>
        <source>At most %1 commands are taken in one push, not %2.</source>
        <translation>一次推送最多接受 %1 条命令，而不是 %2 条。</translation>
    </message>
    <message>
        <source>&quot;after&quot; must be a cursor the feed gave (0 at first) and &quot;limit&quot; a positive number.</source>
        <translation>“after”须为变更流给出的位置（首次为 0），“limit”须为正数。</translation>
    </message>
    <message>
        <source>The server could not read its store; try again.</source>
        <translation>服务器无法读取其存储，请重试。</translation>
    </message>
    <message>
        <source>Reading the units&apos; jurisdictions</source>
        <translation>读取各单位的管辖范围</translation>
    </message>
    <message>
        <source>Reading earlier answers</source>
        <translation>读取此前的答复</translation>
    </message>
    <message>
        <source>Another account already sent a command with id %1.</source>
        <translation>另一账户已发送过编号为 %1 的命令。</translation>
    </message>
    <message>
        <source>Recording the answer</source>
        <translation>记录答复</translation>
    </message>
    <message>
        <source>The server already has case %1 %2.</source>
        <translation>服务器已有案件 %1 %2。</translation>
    </message>
    <message>
        <source>Case %1 %2 lies in grid %3, outside the jurisdiction of unit %4.</source>
        <translation>案件 %1 %2 位于网格 %3，在单位 %4 的管辖范围之外。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>The server has no case %1 %2.</source>
        <translation>服务器没有案件 %1 %2。</translation>
    </message>
    <message>
        <source>The case to merge into, %1 %2, is not one this account can see.</source>
        <translation>要并入的案件 %1 %2 不在本账户可见范围内。</translation>
    </message>
    <message>
        <source>Reading the feed</source>
        <translation>读取变更流</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not ADDRESS:PORT; an IPv6 address is written [::1]:8443.</source>
        <translation>“%1”不是 地址:端口；IPv6 地址写作 [::1]:8443。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not ADDRESS:PORT, as in 127.0.0.1:8443.</source>
        <translation>“%1”不是 地址:端口，例如 127.0.0.1:8443。</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: an IPv6 address goes in brackets, as in [::1]:8443.</source>
        <translation>“%1”：IPv6 地址须放在方括号中，例如 [::1]:8443。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address to listen on (a name such as localhost is not accepted; give 127.0.0.1 or ::1).</source>
        <translation>“%1”不是可监听的 IP 地址（不接受 localhost 之类的名称；请写 127.0.0.1 或 ::1）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a port: give a number from 1 to 65535 (0: any free port).</source>
        <translation>“%1”不是端口：请给出 1 到 65535 的数字（0：任一空闲端口）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a log level; give one of %2.</source>
        <translation>“%1”不是日志级别；请给出 %2 之一。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a session length: give whole hours from 1 to %2.</source>
        <translation>“%1”不是会话时长：请给出 1 到 %2 的整小时数。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a request size: give bytes from %2 to %3, or a number with K, M or G.</source>
        <translation>“%1”不是请求大小：请给出 %2 到 %3 的字节数，或带 K、M、G 的数字。</translation>
    </message>
    <message>
        <source>The configuration file %1 does not exist.</source>
        <translation>配置文件 %1 不存在。</translation>
    </message>
    <message>
        <source>The configuration file %1 cannot be read: %2</source>
        <translation>无法读取配置文件 %1：%2</translation>
    </message>
    <message>
        <source>%1 is too large to be a configuration file.</source>
        <translation>%1 太大，不可能是配置文件。</translation>
    </message>
    <message>
        <source>The configuration file %1 is not UTF-8 text.</source>
        <translation>配置文件 %1 不是 UTF-8 文本。</translation>
    </message>
    <message>
        <source>unknown section %1; the only section is [server].</source>
        <translation>未知的节 %1；唯一的节是 [server]。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a setting; settings are written key = value.</source>
        <translation>“%1”不是设置项；设置项写作 键 = 值。</translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot;; the keys are %2.</source>
        <translation>未知的键“%1”；可用的键为 %2。</translation>
    </message>
    <message>
        <source>%1 is set a second time; it was set on line %2.</source>
        <translation>%1 被第二次设置；此前已在第 %2 行设置。</translation>
    </message>
    <message>
        <source>%1 needs a value.</source>
        <translation>%1 需要一个值。</translation>
    </message>
    <message>
        <source>%1 (%2) does not exist.</source>
        <extracomment>%1 is a path, %2 says which file it is: &quot;the certificate&quot;, &quot;the key&quot;, &quot;the database&quot;</extracomment>
        <translation>%1（%2）不存在。</translation>
    </message>
    <message>
        <source>%1 (%2) is not a file the server can read.</source>
        <translation>%1（%2）不是服务器可读取的文件。</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1，第 %2 行</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server option; the options are %2.</source>
        <translation>“%1”不是服务器选项；可用选项为 %2。</translation>
    </message>
    <message>
        <source>%1 is given twice.</source>
        <translation>%1 给出了两次。</translation>
    </message>
    <message>
        <source>The server needs an IP address to listen on.</source>
        <translation>服务器需要一个可监听的 IP 地址。</translation>
    </message>
    <message>
        <source>Sessions last from 1 to %1 hours, not %2.</source>
        <translation>会话时长为 1 到 %1 小时，而不是 %2。</translation>
    </message>
    <message>
        <source>A request may be limited to %1 to %2 bytes, not %3.</source>
        <translation>请求大小上限可设为 %1 到 %2 字节，而不是 %3。</translation>
    </message>
    <message>
        <source>the certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>No certificate is given: set certificate in the configuration file or give --cert.</source>
        <translation>未给出证书：请在配置文件中设置 certificate，或给出 --cert。</translation>
    </message>
    <message>
        <source>the key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>No key is given: set key in the configuration file or give --key.</source>
        <translation>未给出密钥：请在配置文件中设置 key，或给出 --key。</translation>
    </message>
    <message>
        <source>the database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>No database is given: set database in the configuration file or give --db.</source>
        <translation>未给出数据库：请在配置文件中设置 database，或给出 --db。</translation>
    </message>
    <message>
        <source>The database %1 is read-only; the server needs to write it.</source>
        <translation>数据库 %1 为只读；服务器需要写入。</translation>
    </message>
    <message>
        <source>An account needs a role.</source>
        <translation>账户需要一个角色。</translation>
    </message>
    <message>
        <source>A relayed command names the person who acted (&quot;made_by&quot;).</source>
        <translation>转发的命令须写明操作人（“made_by”）。</translation>
    </message>
    <message>
        <source>%1 relays for unit %2, not for %3.</source>
        <translation>%1 为单位 %2 转发，而不是为 %3。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server to sync up to: give https://HOST:PORT.</source>
        <translation>“%1”不是可上行同步的服务器：请给出 https://主机:端口。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an interval: give whole seconds from 1 to 3600.</source>
        <translation>“%1”不是间隔：请给出 1 到 3600 的整秒数。</translation>
    </message>
    <message>
        <source>Syncing up to %1 needs the account there: set upstream_user.</source>
        <translation>向 %1 上行同步需要该服务器上的账户：请设置 upstream_user。</translation>
    </message>
    <message>
        <source>the upstream password file</source>
        <translation>上行密码文件</translation>
    </message>
    <message>
        <source>Syncing up needs the account&apos;s password: set upstream_password_file.</source>
        <translation>上行同步需要账户密码：请设置 upstream_password_file。</translation>
    </message>
    <message>
        <source>The feed ends at %1, before the cursor %2 (the server&apos;s store may have been restored from a backup); read it again from 0.</source>
        <translation>变更流止于 %1，早于读取位置 %2（服务器的存储可能已从备份恢复）；请从 0 重新读取。</translation>
    </message>
    <message>
        <source>The server has no case %1 %2 that this account may see.</source>
        <translation>服务器上没有本账户可见的案件 %1 %2。</translation>
    </message>
    <message>
        <source>The server could not write its store; nothing of this push was applied. Send it again.</source>
        <translation>服务器无法写入其存储；本次推送的内容均未应用。请重新发送。</translation>
    </message>
    <message>
        <source>&quot;after&quot; must be the number of the newest grid edition the desk has (0 for none).</source>
        <translation>“after”必须是本终端已有的最新网格版本号（没有则为 0）。</translation>
    </message>
    <message>
        <source>&quot;wait&quot; must be a number of seconds from 0 to %1.</source>
        <translation>“wait”必须是 0 到 %1 之间的秒数。</translation>
    </message>
    <message>
        <source>This server takes its grid map from %1; grid editions are published there.</source>
        <translation>本服务器的网格地图取自 %1；网格版本在那里发布。</translation>
    </message>
    <message>
        <source>The grid map is at edition %1 on the server; this draft was drawn on edition %2. Sync to take the newer edition in, check the draft against it and publish again.</source>
        <translation>服务器上的网格地图为版本 %1；此草稿基于版本 %2 绘制。请先同步接收新版本，对照检查草稿后再次发布。</translation>
    </message>
    <message>
        <source>Grids %1 lie outside the jurisdiction of unit %2.</source>
        <translation>网格 %1 不在单位 %2 的管辖范围内。</translation>
    </message>
    <message>
        <source>An attachment has at most %1 MB.</source>
        <translation>附件最大为 %1 MB。</translation>
    </message>
    <message>
        <source>A file goes to /v1/files/SHA256 (64 lower-case hex digits) with its bytes as the body.</source>
        <translation>文件应发往 /v1/files/SHA256（64 位小写十六进制数字），请求体为文件内容。</translation>
    </message>
    <message>
        <source>The body&apos;s SHA-256 is %1, not the %2 of the address.</source>
        <translation>请求体的 SHA-256 为 %1，而不是地址中的 %2。</translation>
    </message>
    <message>
        <source>The server could not write its store; try again.</source>
        <translation>服务器无法写入其存储；请重试。</translation>
    </message>
    <message>
        <source>There is no attachment %1 of a case this account may see.</source>
        <translation>没有属于本账户可见案件的附件 %1。</translation>
    </message>
    <message>
        <source>An attach command names its file by &quot;sha256&quot; and &quot;name&quot;.</source>
        <translation>附加命令须以“sha256”和“name”指明其文件。</translation>
    </message>
    <message>
        <source>Reading an uploaded file</source>
        <translation>读取已上传的文件</translation>
    </message>
    <message>
        <source>The file %1 of this attach command was never uploaded.</source>
        <translation>此附加命令的文件 %1 从未上传。</translation>
    </message>
    <message>
        <source>Keeping an uploaded file</source>
        <translation>保存已上传的文件</translation>
    </message>
    <message>
        <source>Reading an attachment</source>
        <translation>读取附件</translation>
    </message>
    <message>
        <source>&quot;after&quot; must be the revision of the org chart the desk has (0 for none).</source>
        <translation>“after”须为工作台持有的组织架构版本号（没有则为 0）。</translation>
    </message>
    <message>
        <source>&quot;chart&quot; may only be &quot;always&quot;.</source>
        <translation>“chart”只能为“always”。</translation>
    </message>
    <message>
        <source>Only supervisors and leaders publish grid editions; this account&apos;s role is %1.</source>
        <translation>只有监督员和领导可以发布网格版本；本账户的角色是%1。</translation>
    </message>
    <message>
        <source>Only supervisors and leaders change the org chart; this account&apos;s role is %1.</source>
        <translation>只有监督员和领导可以修改组织架构；本账户的角色是%1。</translation>
    </message>
    <message>
        <source>This server takes its org chart from %1; the chart is changed there.</source>
        <translation>本服务器的组织架构取自 %1；请在那里修改组织架构。</translation>
    </message>
    <message>
        <source>The org chart is at revision %1 on the server; this change was made on revision %2. Sync to take the newer chart in and make the change again.</source>
        <translation>服务器上的组织架构为第 %1 版；此修改基于第 %2 版。请同步以接收较新的组织架构，然后重新修改。</translation>
    </message>
    <message>
        <source>A number of person %1 holds &quot;*&quot; but is not the masked number on file; type the whole number.</source>
        <translation>人员 %1 的某个号码含有“*”，但不是存档号码的脱敏形式；请输入完整号码。</translation>
    </message>
    <message>
        <source>The top of the org chart, %1, stays as it is through the server; this change makes it %2.</source>
        <translation>组织架构的顶层（%1）不能通过服务器改变；此修改会使其变为 %2。</translation>
    </message>
    <message>
        <source>Not within unit %1 and the units below it: %2.</source>
        <translation>不在单位 %1 及其下级单位范围内：%2。</translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation>单位 %1</translation>
    </message>
    <message>
        <source>grid %1</source>
        <translation>网格 %1</translation>
    </message>
    <message>
        <source>person %1</source>
        <translation>人员 %1</translation>
    </message>
    <message>
        <source>group %1</source>
        <translation>小组 %1</translation>
    </message>
    <message>
        <source>Finding case %1 %2</source>
        <translation>查找案件 %1 %2</translation>
    </message>
    <message>
        <source>Reading the store&apos;s editions failed: %1</source>
        <translation>读取存储中的网格版本失败：%1</translation>
    </message>
    <message>
        <source>The report lies in grid %1, outside the jurisdiction of unit %2.</source>
        <translation>该上报位于网格 %1，不在单位 %2 的辖区内。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an interval: give whole minutes from 1 to %2.</source>
        <translation>“%1”不是有效间隔：请给出 1 到 %2 的整分钟数。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a hotline profile; give one of %2.</source>
        <translation>“%1”不是热线格式；请给出 %2 之一。</translation>
    </message>
    <message>
        <source>The hotline folder %1 does not exist or is not a folder.</source>
        <translation>热线文件夹 %1 不存在或不是文件夹。</translation>
    </message>
    <message>
        <source>&quot;after&quot; must be the register cursor the desk has (0 for none), and &quot;limit&quot; a number from 1 to %1.</source>
        <translation>“after”须为工作站已有的台账游标（没有则为 0），“limit”须为 1 至 %1 之间的数字。</translation>
    </message>
    <message>
        <source>Unit handlers work on cases; the grid register is kept by operators, supervisors and leaders.</source>
        <translation>处置单位办理案件；网格台账由操作员、监督员和领导维护。</translation>
    </message>
    <message>
        <source>The change is dated %1, more than a day ahead of the server&apos;s clock.</source>
        <translation>此修改的时间为 %1，比服务器时钟超前一天以上。</translation>
    </message>
    <message>
        <source>The register entry %1 lies in grid %2, outside unit %3 and the units below it.</source>
        <translation>台账条目 %1 位于网格 %2，在单位 %3 及其下级单位的辖区之外。</translation>
    </message>
    <message>
        <source>The register entry %1 is at version %2 on the server; this change was made on version %3. Sync to take the newer entry in and make the change again.</source>
        <translation>台账条目 %1 在服务器上为版本 %2；此修改基于版本 %3。请同步以接收较新的条目，然后重新修改。</translation>
    </message>
    <message>
        <source>The server&apos;s register has no entry %1.</source>
        <translation>服务器的台账中没有条目 %1。</translation>
    </message>
    <message>
        <source>The value of %1 in entry %2 is masked but is not the masked value on file; type it whole.</source>
        <translation>条目 %2 中 %1 的值已脱敏，但不是存档值的脱敏形式；请完整输入。</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; duplicates the register entry %3 (&quot;%4&quot;) on the server; merge the two or change that entry instead.</source>
        <translation>%1“%2”与服务器上的台账条目 %3（“%4”）重复；请合并二者或改为修改该条目。</translation>
    </message>
    <message>
        <source>The server&apos;s register has an entry %1 already; the new entry needs another code.</source>
        <translation>服务器的台账中已有条目 %1；新条目需要另一个编码。</translation>
    </message>
    <message>
        <source>A new entry is based on version 0, not %1.</source>
        <translation>新条目应基于版本 0，而不是 %1。</translation>
    </message>
</context>
<context>
    <name>GridDesk::ServerMain</name>
    <message>
        <source>%1 needs a value.</source>
        <translation>%1 需要一个值。</translation>
    </message>
    <message>
        <source>griddesk-server: %1</source>
        <translation>griddesk-server：%1</translation>
    </message>
    <message>
        <source>say which store with --db WORKSPACE.</source>
        <translation>请用 --db 工作区 指定存储。</translation>
    </message>
    <message>
        <source>there is no workspace %1. The server&apos;s store is a workspace with the city&apos;s grids, org chart and cases: make one with griddesk-cli (or copy a workstation&apos;s) and give its path.</source>
        <translation>没有工作区 %1。服务器的存储是含城市网格、组织架构和案件的工作区：请用 griddesk-cli 生成（或复制工作站的工作区）并给出其路径。</translation>
    </message>
    <message>
        <source>%1 takes --db WORKSPACE and one USER.</source>
        <translation>%1 需要 --db 工作区 和一个用户。</translation>
    </message>
    <message>
        <source>  (disabled)</source>
        <translation>  （已停用）</translation>
    </message>
    <message>
        <source>%1 is disabled; their sessions have ended.</source>
        <translation>%1 已停用；其会话均已结束。</translation>
    </message>
    <message>
        <source>%1 may log in again.</source>
        <translation>%1 可以重新登录。</translation>
    </message>
    <message>
        <source>add-user needs --role (one of %1) and --unit CODE.</source>
        <translation>add-user 需要 --role（%1 之一）和 --unit 代码。</translation>
    </message>
    <message>
        <source>New password for %1: </source>
        <translation>%1 的新密码： </translation>
    </message>
    <message>
        <source>Account %1 added: %2 of unit %3.</source>
        <translation>已添加账户 %1：单位 %3 的%2。</translation>
    </message>
    <message>
        <source>The password of %1 is changed; their sessions have ended.</source>
        <translation>%1 的密码已更改；其会话均已结束。</translation>
    </message>
    <message>
        <source>%1 takes no %2.</source>
        <translation>%1 不接受 %2。</translation>
    </message>
    <message>
        <source>%1 needs --cert FILE and --key FILE.</source>
        <translation>%1 需要 --cert 文件 和 --key 文件。</translation>
    </message>
    <message>
        <source>--days must be a number from 1 to %1.</source>
        <translation>--days 须为 1 到 %1 的数字。</translation>
    </message>
    <message>
        <source>init-ca needs --name, such as &quot;City grid CA&quot;.</source>
        <translation>init-ca 需要 --name，例如“城市网格 CA”。</translation>
    </message>
    <message>
        <source>CA certificate %1 and key %2 written. Give the certificate to every workstation (sync --ca); keep the key offline.</source>
        <translation>已写入 CA 证书 %1 和密钥 %2。请将证书分发给每个工作站（sync --ca）；密钥须离线保管。</translation>
    </message>
    <message>
        <source>issue-cert needs --ca-cert, --ca-key and --host.</source>
        <translation>issue-cert 需要 --ca-cert、--ca-key 和 --host。</translation>
    </message>
    <message>
        <source>Server certificate %1 for %2 written, signed by the CA.</source>
        <translation>已写入 %2 的服务器证书 %1，由 CA 签署。</translation>
    </message>
    <message>
        <source>*** A SELF-SIGNED CERTIFICATE FOR A TRIAL ONLY ***
%1 is signed by nobody. Workstations trust it only when given this very file (sync --ca %1).
For a city&apos;s servers make a CA with init-ca and issue certificates with issue-cert.</source>
        <translation>*** 自签名证书，仅供试用 ***
%1 未经任何机构签署。只有拿到这个文件本身的工作站才会信任它（sync --ca %1）。
城市的服务器请用 init-ca 建立 CA，并用 issue-cert 签发证书。</translation>
    </message>
    <message>
        <source>Certificate %1 and key %2 written for %3, valid %4 days.</source>
        <translation>已为 %3 写入证书 %1 和密钥 %2，有效期 %4 天。</translation>
    </message>
    <message>
        <source>The certificate or key cannot be read: %1</source>
        <translation>无法读取证书或密钥：%1</translation>
    </message>
    <message>
        <source>%1 or %2 is not a PEM certificate and an unencrypted EC or RSA key.</source>
        <translation>%1 或 %2 不是 PEM 证书和未加密的 EC 或 RSA 密钥。</translation>
    </message>
    <message>
        <source>cannot listen on %1: the port is taken, or the address is not this machine&apos;s.</source>
        <translation>无法在 %1 上监听：端口已被占用，或该地址不属于本机。</translation>
    </message>
    <message>
        <source>griddesk-server: deadline rules: %1</source>
        <translation>griddesk-server：时限规则：%1</translation>
    </message>
    <message>
        <source>griddesk-server: listening on https://%1 with store %2</source>
        <translation>griddesk-server：正在 https://%1 上监听，存储为 %2</translation>
    </message>
    <message>
        <source>griddesk-server: stopped.</source>
        <translation>griddesk-server：已停止。</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;.</source>
        <translation>未知命令“%1”。</translation>
    </message>
    <message>
        <source>griddesk-server: syncing up: %1</source>
        <translation>griddesk-server：上行同步：%1</translation>
    </message>
    <message>
        <source>the store %1 holds no grids yet: load it from a workspace first with griddesk-server load-store --db ADDRESS --from WORKSPACE.</source>
        <translation>存储 %1 中还没有网格：请先用 griddesk-server load-store --db 地址 --from 工作区 从工作区导入。</translation>
    </message>
    <message>
        <source>load-store takes --db ADDRESS and --from WORKSPACE.</source>
        <translation>load-store 需要 --db 地址和 --from 工作区。</translation>
    </message>
    <message>
        <source>load-store loads a PostgreSQL store: --db postgresql://USER@HOST/DATABASE.</source>
        <translation>load-store 导入的是 PostgreSQL 存储：--db postgresql://用户@主机/数据库。</translation>
    </message>
    <message>
        <source>there is no workspace %1.</source>
        <translation>没有工作区 %1。</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n rows</source>
        <translation>
            <numerusform>%1：%n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>griddesk-server: loaded %1 into %2.</source>
        <translation>griddesk-server：已将 %1 导入 %2。</translation>
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
        <translation>用法：
  griddesk-server [--config 文件] [--listen 地址:端口] [--cert 证书 --key 密钥]
      [--db 工作区|postgresql://…] [--log-level error|warning|info|debug]
  griddesk-server add-user --db 工作区 用户 --role 角色 --unit 代码
      [--password-file 文件]
  griddesk-server reset-password --db 工作区 用户 [--password-file 文件]
  griddesk-server disable-user|enable-user --db 工作区 用户
  griddesk-server users --db 工作区
  griddesk-server load-store --db postgresql://用户@主机[:端口]/数据库
      --from 工作区
  griddesk-server add-client --db 工作区 名称 --channel open311|alarm --unit 代码
      [--jurisdiction 辖区标识]
  griddesk-server clients|intake --db 工作区
  griddesk-server revoke-client --db 工作区 名称
  griddesk-server import-hotline --db 工作区 文件… [--profile auto|nyc311|la311]
  griddesk-server init-cert --cert 证书 --key 密钥 [--host 主机]… [--days 天数]
  griddesk-server init-ca --cert 证书 --key 密钥 --name 名称 [--days 天数]
  griddesk-server issue-cert --ca-cert 证书 --ca-key 密钥 --cert 证书 --key 密钥 --host 主机…
      [--days 天数]
  griddesk-server service-attributes --db 工作区 代码 [--file 文件.json | --clear]

服务器的存储是一个 GridDesk 工作区（GeoPackage 文件），含城市的网格、
组织架构和案件；可复制 griddesk-cli 或工作站生成的工作区。除非另行指定，
服务器只在本机回环地址（127.0.0.1:8443）上监听，且只用 HTTPS。
城市规模超出一台机器时，存储放在带 PostGIS 的 PostgreSQL 中：先用 load-store
从工作区导入一次，再以 --db postgresql://用户@主机:端口/数据库 启动任意多个服务器
（密码取自 ~/.pgpass 或地址后的 ?passfile=文件；其他 libpq 设置如
?sslmode=verify-full 也可照此附加）。
角色：operator、supervisor、unit_handler、leader；system 用于向本服务器
上行同步的区级服务器（其配置中写 upstream = https://主机:端口）。
接入渠道：市民应用通过 Open311（/open311/v2/）上报，传感器和视频分析平台通过
POST /v1/alarms 上报，各用 add-client 只显示一次的密钥；热线导出文件用
import-hotline 导入，或放入 hotline_folder 定时导入。
</translation>
    </message>
    <message>
        <source>griddesk-server: hotline folder: %1</source>
        <translation>griddesk-server：热线文件夹：%1</translation>
    </message>
    <message>
        <source>griddesk-server: hotline file %1 refused: %2</source>
        <translation>griddesk-server：热线文件 %1 被拒收：%2</translation>
    </message>
    <message>
        <source>%1 takes --db WORKSPACE only.</source>
        <translation>%1 只需要 --db 工作区。</translation>
    </message>
    <message>
        <source>import-hotline takes --db WORKSPACE and one or more files.</source>
        <translation>import-hotline 需要 --db 工作区 和一个或多个文件。</translation>
    </message>
    <message>
        <source>%1 takes --db WORKSPACE and one client NAME.</source>
        <translation>%1 需要 --db 工作区 和一个客户端名称。</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n case(s) taken in, %2 event(s) written.</source>
        <translation>
            <numerusform>%1：已接收 %n 件案件，写入 %2 条事件。</numerusform>
        </translation>
    </message>
    <message>
        <source>  (revoked)</source>
        <translation>  （已吊销）</translation>
    </message>
    <message>
        <source>No intake payload has been refused.</source>
        <translation>尚无被拒收的接入报文。</translation>
    </message>
    <message>
        <source>%1  %2  %3 refused, last at %4: %5</source>
        <translation>%1  %2  拒收 %3 次，最近一次 %4：%5</translation>
    </message>
    <message>
        <source>The key of %1 no longer works.</source>
        <translation>%1 的密钥已失效。</translation>
    </message>
    <message>
        <source>add-client needs --channel open311 or alarm, and --unit CODE.</source>
        <translation>add-client 需要 --channel open311 或 alarm，以及 --unit 代码。</translation>
    </message>
    <message>
        <source>The key of %1 follows; it is shown this once. Give it to the client&apos;s administrator.</source>
        <translation>以下是 %1 的密钥，只显示这一次。请交给该客户端的管理员。</translation>
    </message>
    <message>
        <source>service-attributes takes --db WORKSPACE, one CODE and --file F.json or --clear.</source>
        <translation>service-attributes 需要 --db 工作区、一个代码，以及 --file 文件.json 或 --clear。</translation>
    </message>
    <message>
        <source>The Open311 service %1 asks for no attributes now.</source>
        <translation>Open311 服务 %1 现已不要求任何属性。</translation>
    </message>
    <message>
        <source>cannot read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message numerus="yes">
        <source>The Open311 service %1 asks for %n attributes.</source>
        <translation>
            <numerusform>Open311 服务 %1 要求 %n 项属性。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::ShortcutHelp</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Search actions, menus or keys</source>
        <translation>搜索操作、菜单或按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Map (when it has the focus)</source>
        <translation>地图（获得焦点时）</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>+ or =, mouse wheel</source>
        <translation>+ 或 =，鼠标滚轮</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>-, mouse wheel</source>
        <translation>-，鼠标滚轮</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>Arrow keys, drag</source>
        <translation>方向键，拖动</translation>
    </message>
    <message>
        <source>Whole city</source>
        <translation>全市</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>Select a case or grid</source>
        <translation>选择案件或网格</translation>
    </message>
    <message>
        <source>Click</source>
        <translation>单击</translation>
    </message>
    <message>
        <source>Zoom to a grid</source>
        <translation>缩放到网格</translation>
    </message>
    <message>
        <source>Double-click</source>
        <translation>双击</translation>
    </message>
    <message>
        <source>Command palette</source>
        <translation>命令面板</translation>
    </message>
    <message>
        <source>Choose a command</source>
        <translation>选择命令</translation>
    </message>
    <message>
        <source>Up, Down</source>
        <translation>上、下</translation>
    </message>
    <message>
        <source>Run the chosen command</source>
        <translation>执行所选命令</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Close the palette</source>
        <translation>关闭命令面板</translation>
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
        <translation>SQLite 驱动未提供其连接句柄。</translation>
    </message>
    <message>
        <source>The SQL function %1 could not be registered: %2</source>
        <translation>无法注册 SQL 函数 %1：%2</translation>
    </message>
</context>
<context>
    <name>GridDesk::Stage</name>
    <message>
        <source>Registration</source>
        <translation>立案</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派遣</translation>
    </message>
    <message>
        <source>Acceptance</source>
        <translation>签收</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>处置</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>核查</translation>
    </message>
    <message>
        <source>Supervision</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评价</translation>
    </message>
</context>
<context>
    <name>GridDesk::Standards</name>
    <message>
        <source>National standard</source>
        <translation>国家标准</translation>
    </message>
    <message>
        <source>Industry standard</source>
        <translation>行业标准</translation>
    </message>
    <message>
        <source>Local standard</source>
        <translation>地方标准</translation>
    </message>
    <message>
        <source>Group standard</source>
        <translation>团体标准</translation>
    </message>
    <message>
        <source>Internal standard</source>
        <translation>内部标准</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>现行</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草案</translation>
    </message>
    <message>
        <source>Revised</source>
        <translation>修订中</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>废止</translation>
    </message>
    <message>
        <source>Counts per sub-system</source>
        <translation>各分体系统计</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Sub-system</source>
        <translation>分体系</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别数</translation>
    </message>
    <message>
        <source>Standards</source>
        <translation>标准数</translation>
    </message>
    <message>
        <source>Categories without a standard</source>
        <translation>无标准的类别</translation>
    </message>
    <message>
        <source>Implemented in GridDesk</source>
        <translation>已在 GridDesk 中实现</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖情况</translation>
    </message>
    <message>
        <source>%1 categories, %2 standards attached; %3 categories have no standard attached; %4 categories are carried out by no part of GridDesk.</source>
        <translation>共 %1 个类别，挂接标准 %2 项；%3 个类别未挂接标准；%4 个类别在 GridDesk 中尚无实现。</translation>
    </message>
    <message>
        <source>Standard system table</source>
        <translation>标准体系表</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Implemented in GridDesk by</source>
        <translation>GridDesk 中的实现</translation>
    </message>
    <message>
        <source>Standard detail list</source>
        <translation>标准明细表</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Standard number</source>
        <translation>标准编号</translation>
    </message>
    <message>
        <source>Standard title</source>
        <translation>标准名称</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <source>Implemented</source>
        <translation>实施日期</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>No standard is attached yet.</source>
        <translation>尚未挂接任何标准。</translation>
    </message>
    <message>
        <source>Printed %1</source>
        <translation>打印于 %1</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Title (Chinese)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Standards below</source>
        <translation>下属标准数</translation>
    </message>
    <message>
        <source>Categories without a standard below</source>
        <translation>下属无标准类别数</translation>
    </message>
    <message>
        <source>Category (Chinese)</source>
        <translation>类别（中文）</translation>
    </message>
    <message>
        <source>Category (English)</source>
        <translation>类别（英文）</translation>
    </message>
    <message>
        <source>Document size (bytes)</source>
        <translation>文档大小（字节）</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1失败：%2</translation>
    </message>
    <message>
        <source>Reading the standards tree</source>
        <translation>读取标准体系</translation>
    </message>
    <message>
        <source>Reading the attached standards</source>
        <translation>读取挂接的标准</translation>
    </message>
    <message>
        <source>Saving the standards tree</source>
        <translation>保存标准体系</translation>
    </message>
    <message>
        <source>Recording the standards history</source>
        <translation>记录标准体系变更历史</translation>
    </message>
    <message>
        <source>The standards tree was not saved: %1 is attached to a category it would drop.</source>
        <translation>标准体系未保存：%1 挂接在将被删除的类别上。</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>A standard needs a number and a title.</source>
        <translation>标准须有编号和名称。</translation>
    </message>
    <message>
        <source>%1 is already attached to %2.</source>
        <translation>%1 已挂接到 %2。</translation>
    </message>
    <message>
        <source>%1 cannot be implemented (%2) before it is published (%3).</source>
        <translation>%1 的实施日期（%2）不能早于发布日期（%3）。</translation>
    </message>
    <message>
        <source>Attaching %1</source>
        <translation>挂接 %1</translation>
    </message>
    <message>
        <source>The standards tree has no category %1.</source>
        <translation>标准体系中没有类别 %1。</translation>
    </message>
    <message>
        <source>Attached %1 %2 (%3, %4).</source>
        <translation>挂接 %1 %2（%3，%4）。</translation>
    </message>
    <message>
        <source>No standard with id %1 is attached.</source>
        <translation>没有编号为 %1 的已挂接标准。</translation>
    </message>
    <message>
        <source>Detached %1 %2.</source>
        <translation>摘除 %1 %2。</translation>
    </message>
    <message>
        <source>Detaching %1</source>
        <translation>摘除 %1</translation>
    </message>
    <message>
        <source>Reading a standard&apos;s document</source>
        <translation>读取标准文档</translation>
    </message>
    <message>
        <source>Reading the standards history</source>
        <translation>读取标准体系变更历史</translation>
    </message>
    <message>
        <source>The shipped standard system could not be read: %1</source>
        <translation>无法读取内置的标准体系：%1</translation>
    </message>
    <message>
        <source>The standard system is not valid JSON: %1</source>
        <translation>标准体系不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>Clause %1 is coded %2 but its place in the tree gives %3.</source>
        <translation>条款 %1 的代码为 %2，但按其在树中的位置应为 %3。</translation>
    </message>
    <message>
        <source>Standards node %1 is missing or repeated.</source>
        <translation>标准体系节点 %1 缺失或重复。</translation>
    </message>
    <message>
        <source>Standards node %1 names an unknown parent %2.</source>
        <translation>标准体系节点 %1 的上级 %2 不存在。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not the code of a sub-system.</source>
        <translation>“%1”不是分体系代码。</translation>
    </message>
    <message>
        <source>The code %1 is used twice.</source>
        <translation>代码 %1 被重复使用。</translation>
    </message>
    <message>
        <source>Under %1 a category cannot have the number %2: the code has one digit for it (1 to 9).</source>
        <translation>在 %1 下类别序号不能为 %2：代码中该位只有一位数字（1 到 9）。</translation>
    </message>
    <message>
        <source>A category needs a Chinese and an English title.</source>
        <translation>类别须有中文和英文名称。</translation>
    </message>
    <message>
        <source>%1 already has a category numbered %2 (%3).</source>
        <translation>%1 下已有序号为 %2 的类别（%3）。</translation>
    </message>
    <message>
        <source>Added %1 %2 / %3 under %4.</source>
        <translation>在 %4 下新增 %1 %2 / %3。</translation>
    </message>
    <message>
        <source>%1 is one of the four sub-systems and cannot be removed.</source>
        <translation>%1 是四个分体系之一，不能删除。</translation>
    </message>
    <message numerus="yes">
        <source>%1 cannot be removed: it has %n sub-categories; remove or move them first.</source>
        <translation>
            <numerusform>%1 不能删除：它有 %n 个子类别；请先删除或移走。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 cannot be removed: %n standard(s) are attached to it; detach them first.</source>
        <translation>
            <numerusform>%1 不能删除：挂接了 %n 项标准；请先摘除。</numerusform>
        </translation>
    </message>
    <message>
        <source>Removed %1 %2 / %3.</source>
        <translation>删除 %1 %2 / %3。</translation>
    </message>
    <message>
        <source>%1 is one of the four sub-systems and cannot be moved.</source>
        <translation>%1 是四个分体系之一，不能移动。</translation>
    </message>
    <message>
        <source>%1 cannot be moved under itself or its own sub-category %2.</source>
        <translation>%1 不能移到自身或其子类别 %2 之下。</translation>
    </message>
    <message>
        <source>%1 is already under %2; renumber it to change its place.</source>
        <translation>%1 已在 %2 之下；如要改变位置请重新编号。</translation>
    </message>
    <message>
        <source>%1 cannot be moved under %2: %3</source>
        <translation>%1 不能移到 %2 之下：%3</translation>
    </message>
    <message>
        <source>Moved %1 under %2; it is now %3.</source>
        <translation>已将 %1 移到 %2 之下；现为 %3。</translation>
    </message>
    <message>
        <source>%1 is one of the four sub-systems; its code is fixed.</source>
        <translation>%1 是四个分体系之一，代码固定。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a well-formed code (such as TG240, GL259 or GL251-3-1).</source>
        <translation>“%1”不是格式正确的代码（如 TG240、GL259 或 GL251-3-1）。</translation>
    </message>
    <message>
        <source>%1 is taken by %2 / %3.</source>
        <translation>%1 已被 %2 / %3 使用。</translation>
    </message>
    <message>
        <source>%1 cannot become %2: renumbering keeps a category under its parent %3; move it to change the parent.</source>
        <translation>%1 不能改为 %2：重新编号不改变其上级 %3；如要更换上级请移动。</translation>
    </message>
    <message numerus="yes">
        <source>Renumbered %1 to %2 with its %n sub-categories.</source>
        <translation>
            <numerusform>已将 %1 及其 %n 个子类别重新编号为 %2。</numerusform>
        </translation>
    </message>
    <message>
        <source>The standards tree with its system table and detail list</source>
        <translation>标准体系及其体系表和明细表</translation>
    </message>
    <message>
        <source>Case categories (components and events) with their units and time limits</source>
        <translation>案件类别（部件和事件）及其责任单位和时限</translation>
    </message>
    <message>
        <source>Case types: immediate, promised, joint-handling, escalated, returned, rejected, supplementary, special</source>
        <translation>案件类型：即办、承诺、联动处置、上报、退回、不予受理、补办、特办</translation>
    </message>
    <message>
        <source>Coverage check: grids without an information collector</source>
        <translation>覆盖检查：没有信息采集员的网格</translation>
    </message>
    <message>
        <source>The closed loop of a case, from report to evaluation, with supervision and escalation</source>
        <translation>案件从上报到评价的闭环，含督办和上报</translation>
    </message>
    <message>
        <source>The workflow engine checking each action against the loop, the role and the unit</source>
        <translation>按闭环、角色和单位检查每个操作的流程引擎</translation>
    </message>
    <message>
        <source>Every action on a case kept as an event in its history</source>
        <translation>案件的每个操作都作为事件记入其历史</translation>
    </message>
    <message>
        <source>Grid topology checks: validity, overlaps, gaps, fine grids inside base grids</source>
        <translation>网格拓扑检查：有效性、重叠、缝隙、精细化网格位于基础网格内</translation>
    </message>
    <message>
        <source>Published editions of the grid map with each grid&apos;s versions</source>
        <translation>网格图的发布版次及各网格的版本</translation>
    </message>
    <message>
        <source>Import of base grids from boundary files</source>
        <translation>从边界文件导入基础网格</translation>
    </message>
    <message>
        <source>Subdividing a base grid into fine grids</source>
        <translation>将基础网格细分为精细化网格</translation>
    </message>
    <message>
        <source>The org chart&apos;s six tiers, from city supervision centre to grid supervisor</source>
        <translation>组织架构的六个层级，从市级监督指挥中心到网格监督员</translation>
    </message>
    <message>
        <source>The tier rule: a tier may be skipped, never inverted</source>
        <translation>层级规则：层级可以跳过，不能倒置</translation>
    </message>
    <message>
        <source>Coordination groups and leading groups of the org chart</source>
        <translation>组织架构中的协调小组和领导小组</translation>
    </message>
    <message>
        <source>Import of citizen hotline (12345, 311) case exports</source>
        <translation>导入市民热线（12345、311）的工单导出文件</translation>
    </message>
    <message>
        <source>Auto-dispatch: the rule table proposing the responsible unit</source>
        <translation>自动派遣：由规则表建议责任单位</translation>
    </message>
    <message>
        <source>Dispatch dry run of a rule table against past cases</source>
        <translation>用历史案件试运行派遣规则表</translation>
    </message>
    <message>
        <source>Stage deadlines on the working-time calendar, with warnings and alarms</source>
        <translation>按工作日历计算各环节时限，含预警和告警</translation>
    </message>
    <message>
        <source>Masked personal numbers, shown whole only after a recorded reveal</source>
        <translation>遮盖个人号码，仅在记录查看后完整显示</translation>
    </message>
    <message>
        <source>Deadline rules putting overdue cases under supervision or escalating them</source>
        <translation>超时规则：对超时案件督办或上报</translation>
    </message>
    <message>
        <source>The working-time calendar with the official holiday schedule</source>
        <translation>含法定节假日安排的工作日历</translation>
    </message>
    <message>
        <source>The decision post of the org chart</source>
        <translation>组织架构中的决策层岗位</translation>
    </message>
    <message>
        <source>The management post of the org chart</source>
        <translation>组织架构中的管理层岗位</translation>
    </message>
    <message>
        <source>The general management post of the org chart</source>
        <translation>组织架构中的普通管理岗位</translation>
    </message>
    <message>
        <source>The five grid staff posts: supervisor, patroller, information collector, grid head, assistant</source>
        <translation>五种网格人员岗位：监督员、巡查员、信息采集员、网格长、协管员</translation>
    </message>
    <message>
        <source>The joint-handling staff post of the org chart</source>
        <translation>组织架构中的联动处置人员岗位</translation>
    </message>
    <message>
        <source>The co-governance post of the org chart</source>
        <translation>组织架构中的共治自治岗位</translation>
    </message>
    <message>
        <source>The big-data staff post of the org chart</source>
        <translation>组织架构中的大数据从业人员岗位</translation>
    </message>
    <message>
        <source>The standards tree was changed elsewhere since it was opened here (written %1 time(s) now, %2 when opened). Reload it and make the changes again.</source>
        <translation>自本处打开以来，标准体系已在别处修改过（现已写入 %1 次，打开时为 %2 次）。请重新载入后再做修改。</translation>
    </message>
    <message>
        <source>The standard %1 (#%2) is attached to the standards node %3, which the tree does not have.</source>
        <translation>标准 %1（#%2）挂接在标准体系节点 %3 上，而树中没有该节点。</translation>
    </message>
    <message>
        <source>%1 is a folder, not a document.</source>
        <translation>%1 是文件夹，不是文档。</translation>
    </message>
    <message>
        <source>%1 is %2 bytes; a document kept in the workspace may be at most %3 MB (%4 bytes).</source>
        <translation>%1 为 %2 字节；工作区中保存的文档最大为 %3 MB（%4 字节）。</translation>
    </message>
    <message>
        <source>A standard&apos;s number and title must each be one line of text, without line breaks or control characters.</source>
        <translation>标准的编号和名称须各为一行文本，不含换行或控制字符。</translation>
    </message>
    <message numerus="yes">
        <source>%n standards node(s) cannot be reached from a sub-system (their parents form a loop): %1.</source>
        <translation>
            <numerusform>有 %n 个标准体系节点无法从分体系到达（其上级形成循环）：%1。</numerusform>
        </translation>
    </message>
    <message>
        <source>A category&apos;s titles must each be one line of text, without line breaks or control characters.</source>
        <translation>类别的名称须各为一行文本，不含换行或控制字符。</translation>
    </message>
    <message>
        <source>%1 is already %2.</source>
        <translation>%1 已是 %2。</translation>
    </message>
    <message>
        <source>%1 cannot become %2: categories under %3 are numbered from 1 to 999, not %4.</source>
        <translation>%1 不能改为 %2：%3 下的类别序号为 1 到 999，而不是 %4。</translation>
    </message>
</context>
<context>
    <name>GridDesk::StandardsBrowser</name>
    <message>
        <source>Search codes, titles, summaries and attached standards (Ctrl+F)</source>
        <translation>搜索代码、名称、摘要和挂接的标准（Ctrl+F）</translation>
    </message>
    <message numerus="yes">
        <source>%1 categories · %n standard(s) attached · %2 categories without a standard · %3 categories nothing in GridDesk implements</source>
        <extracomment>%1 categories; %n standards; %2 and %3 numbers of categories</extracomment>
        <translation>
            <numerusform>%1 个类别 · 挂接标准 %n 项 · %2 个类别无标准 · %3 个类别在 GridDesk 中尚无实现</numerusform>
        </translation>
    </message>
    <message>
        <source>Standard system[*]</source>
        <translation>标准体系[*]</translation>
    </message>
    <message>
        <source>Standard system — %1[*]</source>
        <extracomment>%1 is the workspace file&apos;s name</extracomment>
        <translation>标准体系 — %1[*]</translation>
    </message>
    <message>
        <source>Add a category under %1</source>
        <extracomment>%1 is a category code</extracomment>
        <translation>在 %1 下新增类别</translation>
    </message>
    <message>
        <source>Category not added</source>
        <translation>类别未新增</translation>
    </message>
    <message>
        <source>Added %1.</source>
        <translation>已新增 %1。</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <source>Category not removed</source>
        <translation>类别未删除</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>已删除 %1。</translation>
    </message>
    <message>
        <source>Move %1 under %2</source>
        <extracomment>%1 and %2 are category codes</extracomment>
        <translation>将 %1 移到 %2 之下</translation>
    </message>
    <message>
        <source>Category not moved</source>
        <translation>类别未移动</translation>
    </message>
    <message>
        <source>Moved %1; it is now %2.</source>
        <translation>已移动 %1；现为 %2。</translation>
    </message>
    <message>
        <source>Renumber %1 to %2</source>
        <extracomment>%1 old code, %2 new code</extracomment>
        <translation>将 %1 重新编号为 %2</translation>
    </message>
    <message>
        <source>Category not renumbered</source>
        <translation>类别未重新编号</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 现为 %2。</translation>
    </message>
    <message>
        <source>Standard not attached</source>
        <translation>标准未挂接</translation>
    </message>
    <message>
        <source>Attached %1; Save keeps it in the workspace.</source>
        <translation>已挂接 %1；保存后存入工作区。</translation>
    </message>
    <message>
        <source>Standard not detached</source>
        <translation>标准未摘除</translation>
    </message>
    <message>
        <source>Detached; Save removes it from the workspace.</source>
        <translation>已摘除；保存后从工作区中删除。</translation>
    </message>
    <message>
        <source>Standards tree saved.</source>
        <translation>标准体系已保存。</translation>
    </message>
    <message>
        <source>Standards tree not saved</source>
        <translation>标准体系未保存</translation>
    </message>
    <message numerus="yes">
        <source>Reload and drop my %n unsaved change(s)</source>
        <translation>
            <numerusform>重新载入并放弃我的 %n 项未保存修改</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <source>Standards tree not reloaded</source>
        <translation>标准体系未重新载入</translation>
    </message>
    <message>
        <source>The standards tree was reloaded as the workspace holds it.</source>
        <translation>已按工作区中的内容重新载入标准体系。</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>This standard has no document.</source>
        <translation>该标准没有文档。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message numerus="yes">
        <source>The standards tree has %n unsaved change(s). Save them before closing?</source>
        <translation>
            <numerusform>标准体系有 %n 项未保存的修改。关闭前保存吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Reload from workspace</source>
        <translation>从工作区重新载入(&amp;R)</translation>
    </message>
    <message>
        <source>Export system table as &amp;CSV…</source>
        <translation>导出体系表为 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Export system table as &amp;PDF…</source>
        <translation>导出体系表为 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>Export detail list as C&amp;SV…</source>
        <translation>导出明细表为 CSV(&amp;S)…</translation>
    </message>
    <message>
        <source>Export detail list as P&amp;DF…</source>
        <translation>导出明细表为 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Add category…</source>
        <translation>新增类别(&amp;A)…</translation>
    </message>
    <message>
        <source>Re&amp;move category</source>
        <translation>删除类别(&amp;M)</translation>
    </message>
    <message>
        <source>Mo&amp;ve category to…</source>
        <translation>移动类别到(&amp;V)…</translation>
    </message>
    <message>
        <source>Re&amp;number…</source>
        <translation>重新编号(&amp;N)…</translation>
    </message>
    <message>
        <source>A&amp;ttach standard…</source>
        <translation>挂接标准(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Detach standard</source>
        <translation>摘除标准(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Open document</source>
        <translation>打开文档(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Expand all</source>
        <translation>全部展开(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Collapse all</source>
        <translation>全部折叠(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Standards</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>%1 has no other place to go.</source>
        <translation>%1 没有其他可移动的位置。</translation>
    </message>
    <message>
        <source>Renumber %1</source>
        <extracomment>%1 is the category&apos;s code</extracomment>
        <translation>重新编号 %1</translation>
    </message>
    <message>
        <source>New code under the same parent (its sub-categories are coded anew):</source>
        <translation>同一上级下的新代码（其子类别将重新编码）：</translation>
    </message>
    <message>
        <source>standard-system-table</source>
        <translation>标准体系表</translation>
    </message>
    <message>
        <source>standard-detail-list</source>
        <translation>标准明细表</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message numerus="yes">
        <source>Reloading drops %n unsaved change(s). Reload anyway?</source>
        <translation>
            <numerusform>重新载入将放弃 %n 项未保存修改。仍要重新载入吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Document not opened</source>
        <translation>文档未打开</translation>
    </message>
    <message>
        <source>No program is set up to open %1; it is saved as %2.</source>
        <translation>没有可打开 %1 的程序；已另存为 %2。</translation>
    </message>
</context>
<context>
    <name>GridDesk::StandardsDetail</name>
    <message>
        <source>Nothing in GridDesk implements this clause yet.</source>
        <translation>GridDesk 中尚无实现此条款的功能。</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>代码：</translation>
    </message>
    <message>
        <source>Clause:</source>
        <translation>条款：</translation>
    </message>
    <message>
        <source>Title (Chinese):</source>
        <translation>中文名称：</translation>
    </message>
    <message>
        <source>Title (English):</source>
        <translation>英文名称：</translation>
    </message>
    <message>
        <source>Summary (Chinese):</source>
        <translation>中文摘要：</translation>
    </message>
    <message>
        <source>Summary (English):</source>
        <translation>英文摘要：</translation>
    </message>
    <message>
        <source>Implemented by:</source>
        <translation>实现于：</translation>
    </message>
    <message>
        <source>Attached standards</source>
        <translation>挂接的标准</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>History</source>
        <translation>变更历史</translation>
    </message>
    <message>
        <source>none: a category of the organisation&apos;s own</source>
        <translation>无：本组织自设的类别</translation>
    </message>
    <message>
        <source>unsaved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>GridDesk::StandardsDocument</name>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <source>%1 is %2 MB; a document kept in the workspace may be at most %3 MB.</source>
        <extracomment>%1 file name, %2 its size in MB, %3 the largest size in MB</extracomment>
        <translation>%1 为 %2 MB；工作区中保存的文档最大为 %3 MB。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>A standard needs a number and a title.</source>
        <translation>标准须有编号和名称。</translation>
    </message>
    <message>
        <source>%1 is already attached to %2.</source>
        <translation>%1 已挂接到 %2。</translation>
    </message>
    <message>
        <source>%1 cannot be implemented (%2) before it is published (%3).</source>
        <extracomment>%1 standard number, %2 and %3 dates</extracomment>
        <translation>%1 的实施日期（%2）不能早于发布日期（%3）。</translation>
    </message>
    <message>
        <source>Read only: the desk acts as nobody. Choose a user to edit the standards tree.</source>
        <translation>只读：当前工作台未选择用户。请选择用户后再编辑标准体系。</translation>
    </message>
    <message>
        <source>Read only: %1 acts in the role &quot;%2&quot;; only leaders and administrators change the standards tree.</source>
        <extracomment>%1 is a person, %2 their role key</extracomment>
        <translation>只读：%1 的角色为“%2”；只有领导和管理员可以修改标准体系。</translation>
    </message>
    <message>
        <source>The category to attach to no longer exists.</source>
        <translation>要挂接的类别已不存在。</translation>
    </message>
    <message>
        <source>Attached %1 %2.</source>
        <translation>挂接 %1 %2。</translation>
    </message>
    <message>
        <source>Attach %1 to %2</source>
        <translation>将 %1 挂接到 %2</translation>
    </message>
    <message>
        <source>That standard is no longer attached.</source>
        <translation>该标准已不再挂接。</translation>
    </message>
    <message>
        <source>Detached %1 %2.</source>
        <translation>摘除 %1 %2。</translation>
    </message>
    <message>
        <source>Detach %1 from %2</source>
        <translation>从 %2 摘除 %1</translation>
    </message>
    <message>
        <source>The document chosen for this standard cannot be read: %1</source>
        <translation>为该标准选择的文档无法读取：%1</translation>
    </message>
    <message>
        <source>none was chosen</source>
        <translation>未选择</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>没有打开的工作区。</translation>
    </message>
    <message>
        <source>The standards tree of this workspace was changed elsewhere since it was opened here; saving would overwrite those changes.</source>
        <translation>自本处打开以来，本工作区的标准体系已在别处修改；保存将覆盖那些修改。</translation>
    </message>
</context>
<context>
    <name>GridDesk::StandardsTreeModel</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Standards</source>
        <translation>标准数</translation>
    </message>
    <message>
        <source>Implemented by</source>
        <translation>实现</translation>
    </message>
    <message>
        <source>No standard is attached to this category.</source>
        <translation>该类别未挂接标准。</translation>
    </message>
    <message>
        <source>Nothing in GridDesk implements this clause yet.</source>
        <translation>GridDesk 中尚无实现此条款的功能。</translation>
    </message>
</context>
<context>
    <name>GridDesk::SubdivideDialog</name>
    <message>
        <source>Into about this many &amp;parts:</source>
        <translation>份数（约）(&amp;P)：</translation>
    </message>
    <message>
        <source>Into parts of about this &amp;area:</source>
        <translation>每份面积（约）(&amp;A)：</translation>
    </message>
    <message>
        <source>Subdivide %1 (%2)</source>
        <extracomment>%1 is a grid name, %2 its code</extracomment>
        <translation>细分 %1（%2）</translation>
    </message>
    <message>
        <source> m²</source>
        <translation> 平方米</translation>
    </message>
    <message>
        <source>The base grid of %1 m² is cut into a lattice of squares; slivers are merged into their neighbours. Fine grids it has now are replaced.</source>
        <translation>这个 %1 平方米的基础网格将被切分为方格网，边角碎片并入相邻网格。其现有的精细化网格将被替换。</translation>
    </message>
    <message>
        <source>&amp;Subdivide</source>
        <translation>细分(&amp;S)</translation>
    </message>
    <message numerus="yes">
        <source>Makes %n fine grids of %1 m² on average.</source>
        <extracomment>%n fine grids, %1 their average area in square metres</extracomment>
        <translation>
            <numerusform>将生成 %n 个精细化网格，平均每个 %1 平方米。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridDesk::Sync</name>
    <message>
        <source>Finding case %1 %2: %3</source>
        <translation>查找案件 %1 %2：%3</translation>
    </message>
    <message>
        <source>The server&apos;s history of the case differs from event %1 on: another desk acted first, or the server refused the action.</source>
        <translation>服务器上该案件的历史从第 %1 个事件起与本地不同：其他席位先行处理，或服务器拒绝了该动作。</translation>
    </message>
    <message>
        <source>Case %1 %2 from the server</source>
        <translation>来自服务器的案件 %1 %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>已执行</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>discarded</source>
        <translation>已放弃</translation>
    </message>
    <message>
        <source>redone</source>
        <translation>已重做</translation>
    </message>
    <message>
        <source>Reading the case merged into</source>
        <translation>读取被并入的案件</translation>
    </message>
    <message>
        <source>Queueing the action for the server</source>
        <translation>将动作排入待发箱</translation>
    </message>
    <message>
        <source>Reading the outbox</source>
        <translation>读取待发箱</translation>
    </message>
    <message>
        <source>The outbox has no command %1.</source>
        <translation>待发箱中没有命令 %1。</translation>
    </message>
    <message>
        <source>Updating the outbox</source>
        <translation>更新待发箱</translation>
    </message>
    <message>
        <source>Writing the server&apos;s answer</source>
        <translation>写入服务器的答复</translation>
    </message>
    <message>
        <source>Command %1 is %2; only a rejected command can be discarded.</source>
        <translation>命令 %1 %2；只有被拒绝的命令才能放弃。</translation>
    </message>
    <message>
        <source>Command %1 is %2; only a rejected command can be made again.</source>
        <translation>命令 %1 %2；只有被拒绝的命令才能重做。</translation>
    </message>
    <message>
        <source>Command %1 reported case %2 %3, which the server refused; report it again with what the server needs, or discard the command.</source>
        <translation>命令 %1 上报了案件 %2 %3，服务器拒绝了它；请按服务器的要求重新上报，或放弃该命令。</translation>
    </message>
    <message>
        <source>The case to merge into, %1 %2, is not in this workspace.</source>
        <translation>要并入的案件 %1 %2 不在本工作区中。</translation>
    </message>
    <message>
        <source>The password file %1 cannot be read: %2.</source>
        <translation>无法读取密码文件 %1：%2。</translation>
    </message>
    <message>
        <source>No password was given: use --password-file FILE, or type it when asked.</source>
        <translation>未给出密码：请使用 --password-file 文件，或在提示时输入。</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: %2</source>
        <translation>“%1”：%2</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>not a text</source>
        <translation>不是文本</translation>
    </message>
    <message>
        <source>longer than %1 characters</source>
        <translation>超过 %1 个字符</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>not a date and time: %1</source>
        <translation>不是日期时间：%1</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>不是对象</translation>
    </message>
    <message>
        <source>not a longitude and latitude in degrees (WGS84)</source>
        <translation>不是以度为单位的经纬度（WGS84）</translation>
    </message>
    <message>
        <source>the case changed meanwhile</source>
        <translation>案件在此期间已有变化</translation>
    </message>
    <message>
        <source>not allowed in the case&apos;s state</source>
        <translation>案件当前状态不允许</translation>
    </message>
    <message>
        <source>not allowed for the account&apos;s role</source>
        <translation>账户角色不允许</translation>
    </message>
    <message>
        <source>outside the account&apos;s jurisdiction</source>
        <translation>在账户管辖范围之外</translation>
    </message>
    <message>
        <source>the server has no such case</source>
        <translation>服务器没有该案件</translation>
    </message>
    <message>
        <source>malformed</source>
        <translation>格式错误</translation>
    </message>
    <message>
        <source>the server already has this case</source>
        <translation>服务器已有该案件</translation>
    </message>
    <message>
        <source>the command&apos;s id is taken</source>
        <translation>命令编号已被占用</translation>
    </message>
    <message>
        <source>8 to 64 letters, digits, &apos;-&apos; or &apos;_&apos; are expected, not %1</source>
        <translation>应为 8 到 64 个字母、数字、“-”或“_”，而不是 %1</translation>
    </message>
    <message>
        <source>&quot;report&quot; or &quot;act&quot; is expected</source>
        <translation>应为“report”或“act”</translation>
    </message>
    <message>
        <source>unknown action %1; one of %2 is expected</source>
        <translation>未知动作 %1；应为 %2 之一</translation>
    </message>
    <message>
        <source>a report command takes &quot;report&quot;</source>
        <translation>上报命令的动作须为“report”</translation>
    </message>
    <message>
        <source>a case version is expected</source>
        <translation>应为案件版本号</translation>
    </message>
    <message>
        <source>unit codes are expected</source>
        <translation>应为单位代码</translation>
    </message>
    <message>
        <source>a merge names the case it goes into</source>
        <translation>合并须指明要并入的案件</translation>
    </message>
    <message>
        <source>an answer without id or status</source>
        <translation>答复缺少编号或状态</translation>
    </message>
    <message>
        <source>unknown refusal %1</source>
        <translation>未知的拒绝原因 %1</translation>
    </message>
    <message>
        <source>event %1 of case %2 %3 cannot be read</source>
        <translation>无法读取案件 %2 %3 的第 %1 个事件</translation>
    </message>
    <message>
        <source>a case without history</source>
        <translation>没有历史的案件</translation>
    </message>
    <message>
        <source>The CA certificate file %1 cannot be read: %2.</source>
        <translation>无法读取 CA 证书文件 %1：%2。</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate (&quot;-----BEGIN CERTIFICATE-----&quot;).</source>
        <translation>%1 中没有 PEM 证书（“-----BEGIN CERTIFICATE-----”）。</translation>
    </message>
    <message>
        <source>The server&apos;s address must be https://HOST:PORT, not %1.</source>
        <translation>服务器地址须为 https://主机:端口，而不是 %1。</translation>
    </message>
    <message>
        <source>%1: the server&apos;s certificate is not trusted (%2). Give the city&apos;s CA certificate with --ca, or ask the server&apos;s administrator; the connection was not made.</source>
        <translation>%1：服务器的证书不受信任（%2）。请用 --ca 给出城市 CA 证书，或询问服务器管理员；连接未建立。</translation>
    </message>
    <message>
        <source>%1: the server cannot be reached: %2</source>
        <translation>%1：无法连接服务器：%2</translation>
    </message>
    <message>
        <source>%1: the server&apos;s answer is not JSON: %2</source>
        <translation>%1：服务器的答复不是 JSON：%2</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>HTTP %1, %2: %3</source>
        <translation>HTTP %1，%2：%3</translation>
    </message>
    <message>
        <source>%1: the server refused: %2</source>
        <translation>%1：服务器拒绝：%2</translation>
    </message>
    <message>
        <source>The server&apos;s login answer has no token.</source>
        <translation>服务器的登录答复中没有令牌。</translation>
    </message>
    <message>
        <source>The server answered %1 of %2 commands.</source>
        <translation>服务器只答复了 %2 条命令中的 %1 条。</translation>
    </message>
    <message>
        <source>The server&apos;s feed answer has no cursor.</source>
        <translation>服务器的变更流答复中没有读取位置。</translation>
    </message>
    <message>
        <source>Queueing the grid edition for the server</source>
        <translation>将网格版本排队发往服务器</translation>
    </message>
    <message>
        <source>The draft has no changes to publish.</source>
        <translation>草稿中没有可发布的修改。</translation>
    </message>
    <message>
        <source>Say what this edition changes.</source>
        <translation>请说明本版本的变更内容。</translation>
    </message>
    <message>
        <source>Say who publishes this edition.</source>
        <translation>请指明本版本的发布人。</translation>
    </message>
    <message>
        <source>A grid edition sent from this workspace still waits for the server&apos;s answer; sync first.</source>
        <translation>本工作区发出的一个网格版本仍在等待服务器答复；请先同步。</translation>
    </message>
    <message>
        <source>a whole number of 0 or more is expected</source>
        <translation>应为不小于 0 的整数</translation>
    </message>
    <message>
        <source>one of %1 is expected</source>
        <translation>应为 %1 之一</translation>
    </message>
    <message>
        <source>an area in m² is expected</source>
        <translation>应为以平方米计的面积</translation>
    </message>
    <message>
        <source>base64 WKB is expected</source>
        <translation>应为 base64 编码的 WKB</translation>
    </message>
    <message>
        <source>more than %1 grids in one edition</source>
        <translation>一个版本中网格超过 %1 个</translation>
    </message>
    <message>
        <source>grid codes are expected</source>
        <translation>应为网格编码</translation>
    </message>
    <message>
        <source>the edition changes no grid</source>
        <translation>该版本未修改任何网格</translation>
    </message>
    <message>
        <source>an unknown kind of lineage</source>
        <translation>未知的沿革类型</translation>
    </message>
    <message>
        <source>an edition number is expected</source>
        <translation>应为版本号</translation>
    </message>
    <message>
        <source>not a date and time</source>
        <translation>不是日期时间</translation>
    </message>
    <message>
        <source>%1: the wait for new cases was cut short.</source>
        <translation>%1：等待新案件被提前中止。</translation>
    </message>
    <message>
        <source>The server sent a grid edition this desk cannot read: %1</source>
        <translation>服务器发来本终端无法读取的网格版本：%1</translation>
    </message>
    <message>
        <source>%1: the file the server sent is not the one asked for.</source>
        <translation>%1：服务器发来的文件不是所请求的文件。</translation>
    </message>
    <message>
        <source>The file of attach command %1 is no longer in the workspace.</source>
        <translation>附加命令 %1 的文件已不在工作区中。</translation>
    </message>
    <message>
        <source>Looking for attachments to fetch: %1</source>
        <translation>查找需要取回的附件：%1</translation>
    </message>
    <message>
        <source>Queueing the org chart for the server</source>
        <translation>正在将组织架构排入发往服务器的队列</translation>
    </message>
    <message>
        <source>The org chart has no changes to send.</source>
        <translation>组织架构没有要发送的修改。</translation>
    </message>
    <message>
        <source>the server&apos;s org chart</source>
        <translation>服务器的组织架构</translation>
    </message>
    <message>
        <source>not valid Unicode text</source>
        <translation>不是有效的 Unicode 文本</translation>
    </message>
    <message>
        <source>not a list</source>
        <translation>不是列表</translation>
    </message>
    <message>
        <source>a list of texts is expected</source>
        <translation>应为文本列表</translation>
    </message>
    <message>
        <source>a whole number is expected</source>
        <translation>应为整数</translation>
    </message>
    <message>
        <source>&quot;tier&quot; or &quot;joint&quot; is expected</source>
        <translation>应为“tier”或“joint”</translation>
    </message>
    <message>
        <source>&quot;coordination&quot; or &quot;leading&quot; is expected</source>
        <translation>应为“coordination”或“leading”</translation>
    </message>
    <message>
        <source>a list of person ids is expected</source>
        <translation>应为人员编号列表</translation>
    </message>
    <message>
        <source>distinct whole person ids are expected</source>
        <translation>应为互不相同的整数人员编号</translation>
    </message>
    <message>
        <source>a list is expected</source>
        <translation>应为列表</translation>
    </message>
    <message>
        <source>The server sent an org chart this desk cannot read: %1</source>
        <translation>服务器发来的组织架构本工作台无法读取：%1</translation>
    </message>
    <message>
        <source>Writing the register links of case %1</source>
        <translation>正在写入案件 %1 与台账的关联</translation>
    </message>
    <message>
        <source>Queuing the change of register entry %1</source>
        <translation>正在将台账条目 %1 的修改加入发件箱</translation>
    </message>
    <message>
        <source>Command %1 is not of the kind asked for.</source>
        <translation>命令 %1 不是所要求的类型。</translation>
    </message>
    <message>
        <source>The server&apos;s org chart has not been taken in since it refused command %1; sync first, then make it again.</source>
        <translation>服务器拒绝命令 %1 后尚未接收其组织架构；请先同步，再重做。</translation>
    </message>
    <message>
        <source>The changes of command %1 do not fit the org chart as it is now: %2 Make them again by hand in the org chart editor.</source>
        <translation>命令 %1 的修改与现在的组织架构不符：%2 请在组织架构编辑器中手工重做。</translation>
    </message>
    <message>
        <source>duplicates a register entry</source>
        <translation>与台账条目重复</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>a longitude without a latitude or the reverse</source>
        <translation>只有经度没有纬度，或相反</translation>
    </message>
    <message>
        <source>not a text or a number</source>
        <translation>不是文本或数字</translation>
    </message>
    <message>
        <source>not hexadecimal</source>
        <translation>不是十六进制</translation>
    </message>
    <message>
        <source>not one of %1</source>
        <translation>不是 %1 之一</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>太大</translation>
    </message>
    <message>
        <source>a merge names the entry merged away, and nothing else does</source>
        <translation>只有合并才指明被合并掉的条目</translation>
    </message>
    <message>
        <source>Reading the register&apos;s history</source>
        <translation>正在读取台账历史</translation>
    </message>
    <message>
        <source>Reading the history of %1</source>
        <translation>正在读取 %1 的历史记录</translation>
    </message>
    <message>
        <source>Command %1 added the entry %2, which the server refused; add it again with what the server needs (or merge it with the entry it duplicates), or discard the command.</source>
        <translation>命令 %1 添加了条目 %2，但服务器拒绝了；请按服务器的要求重新添加（或与其重复的条目合并），或放弃此命令。</translation>
    </message>
    <message>
        <source>The register has no entry %1 any more.</source>
        <translation>台账中已不再有条目 %1。</translation>
    </message>
    <message>
        <source>The server&apos;s register feed went back from %1 to %2.</source>
        <translation>服务器的台账更新流从 %1 倒退到了 %2。</translation>
    </message>
    <message>
        <source>The server sent a register entry this desk cannot read: %1</source>
        <translation>服务器发来的台账条目本工作站无法读取：%1</translation>
    </message>
    <message>
        <source>one of operator, supervisor, unit_handler, leader is expected (system only for a report or a repeat an intake channel filed)</source>
        <translation>应为 operator、supervisor、unit_handler、leader 之一（system 仅用于受理渠道提交的上报或重复报警）</translation>
    </message>
</context>
<context>
    <name>GridDesk::SyncControls</name>
    <message>
        <source>Rejected commands</source>
        <translation>被拒绝的命令</translation>
    </message>
    <message>
        <source>&amp;Connect to server…</source>
        <translation>连接服务器(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开连接(&amp;D)</translation>
    </message>
    <message>
        <source>Disconnected; actions wait in the outbox until the desk connects again.</source>
        <translation>已断开连接；操作在待发箱中等待，直到席位重新连接。</translation>
    </message>
    <message>
        <source>&amp;Rejected commands…</source>
        <translation>被拒绝的命令(&amp;R)…</translation>
    </message>
    <message>
        <source>Connected to %1; the desk syncs in the background.</source>
        <translation>已连接到 %1；席位在后台同步。</translation>
    </message>
    <message numerus="yes">
        <source>The server rejected %n of your actions; Sync → Rejected commands lists them to redo or discard.</source>
        <translation>
            <numerusform>服务器拒绝了您的 %n 个操作；“同步 → 被拒绝的命令”中列出，可重做或放弃。</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync stopped: %1</source>
        <translation>同步已停止：%1</translation>
    </message>
    <message>
        <source>%1 made this command; they, a supervisor or a leader settle it.</source>
        <extracomment>%1 is the person who made a rejected command</extracomment>
        <translation>该命令由 %1 发出；须由本人、监督员或领导处理。</translation>
    </message>
    <message>
        <source>%1 made again on case %2, which is now %3; it goes out with the next sync.</source>
        <extracomment>%1 is an action, %2 a case number, %3 the state the case is in now</extracomment>
        <translation>已在案件 %2（当前为%3）上重做%1；随下次同步发出。</translation>
    </message>
    <message>
        <source>%1 on case %2 is set aside; it will not be sent.</source>
        <extracomment>%1 is an action, %2 a case number</extracomment>
        <translation>案件 %2 上的%1已搁置，不会发送。</translation>
    </message>
    <message>
        <source>The org chart already holds what this command changed; it is settled.</source>
        <translation>组织架构已包含此命令所做的修改；此命令已了结。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) of the org chart made again on the server&apos;s chart; they go out with the next sync.</source>
        <translation>
            <numerusform>已在服务器的组织架构上重做 %n 处修改；它们将随下次同步发出。</numerusform>
        </translation>
    </message>
    <message>
        <source>The change of register entry %1 is made again on the entry as the server left it; it goes out with the next sync.</source>
        <extracomment>%1 is a register entry&apos;s code</extracomment>
        <translation>已在服务器现有的条目上重做台账条目 %1 的修改；它将随下次同步发出。</translation>
    </message>
</context>
<context>
    <name>GridDesk::SyncStatusBar</name>
    <message>
        <source>This desk&apos;s commands: sent and not answered yet, applied by the server, and rejected. Click to see the rejected ones.</source>
        <translation>本席位的命令：已发送待答复、已被服务器执行、被拒绝。点击查看被拒绝的命令。</translation>
    </message>
    <message numerus="yes">
        <source>Offline — %n queued</source>
        <translation>
            <numerusform>离线 — %n 条排队</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connecting to %1… — %n queued</source>
        <extracomment>%1 is the server, HOST:PORT</extracomment>
        <translation>
            <numerusform>正在连接 %1… — %n 条排队</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connected to %1 — %n queued</source>
        <translation>
            <numerusform>已连接 %1 — %n 条排队</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retrying in %1 s — %n queued</source>
        <extracomment>%1 is a number of seconds</extracomment>
        <translation>
            <numerusform>%1 秒后重试 — %n 条排队</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refused: %1 — %n queued</source>
        <extracomment>%1 is why the server or its certificate refused the desk</extracomment>
        <translation>
            <numerusform>被拒绝：%1 — %n 条排队</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 sent · %2 applied · %3 rejected</source>
        <translation>已发送 %1 · 已执行 %2 · 被拒绝 %3</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>Last sync %1</source>
        <extracomment>%1 is a time, or a date and time when it was not today</extracomment>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <source>Actions wait in the outbox until the desk connects to its server. Click to connect.</source>
        <translation>操作在待发箱中等待，直到席位连接到服务器。点击连接。</translation>
    </message>
    <message>
        <source>Last attempt: %1</source>
        <translation>上次尝试：%1</translation>
    </message>
    <message>
        <source>Logging in to %1.</source>
        <translation>正在登录 %1。</translation>
    </message>
    <message>
        <source>The server is out of reach: %1
The desk tries again by itself; actions wait in the outbox.</source>
        <translation>无法连接服务器：%1
席位会自动重试；操作在待发箱中等待。</translation>
    </message>
    <message>
        <source>The server refused: %1
Click to connect again.</source>
        <translation>服务器拒绝：%1
点击重新连接。</translation>
    </message>
    <message>
        <source>Logged in as %1 of unit %2; new cases come as soon as the server has them, and each action is sent at once.</source>
        <extracomment>%1 is a role, %2 an org unit code</extracomment>
        <translation>已以单位 %2 的%1身份登录；服务器一有新案件即送达，每个操作立即发送。</translation>
    </message>
</context>
<context>
    <name>GridDesk::SyncWorker</name>
    <message>
        <source>This workspace syncs with %1; its cases and cursor belong to that server, not to %2.</source>
        <translation>本工作区与 %1 同步；其案件和读取位置属于该服务器，而不属于 %2。</translation>
    </message>
</context>
<context>
    <name>GridDesk::TextEncoding</name>
    <message>
        <source>The text is not valid UTF-8.</source>
        <translation>文字不是有效的 UTF-8。</translation>
    </message>
    <message>
        <source>The encoding %1 is not available on this system.</source>
        <translation>本系统不支持编码 %1。</translation>
    </message>
    <message>
        <source>The text is not valid %1 (byte %2).</source>
        <translation>文字不是有效的 %1（第 %2 字节）。</translation>
    </message>
</context>
<context>
    <name>GridDesk::Topology</name>
    <message>
        <source>Grids %1 and %2 overlap by %3 m² near %4.</source>
        <translation>网格 %1 与 %2 在 %4 附近重叠 %3 平方米。</translation>
    </message>
    <message>
        <source>%1 m² inside grid %2 near %3 belong to none of its children.</source>
        <translation>网格 %2 内 %3 附近有 %1 平方米不属于其任何下级网格。</translation>
    </message>
    <message>
        <source>Grid %1 sticks out of its parent %2 by %3 m² near %4.</source>
        <translation>网格 %1 在 %4 附近超出其上级网格 %2 共 %3 平方米。</translation>
    </message>
    <message>
        <source>Grid %1 does not start with the code of its parent %2 followed by its own number.</source>
        <translation>网格 %1 的编码不规范：应以上级网格编码 %2 开头，后接本网格的序号。</translation>
    </message>
    <message>
        <source>Grid %1 has no grid supervisor.</source>
        <translation>网格 %1 没有网格监督员。</translation>
    </message>
    <message numerus="yes">
        <source>%n grids have the code %1.</source>
        <translation>
            <numerusform>有 %n 个网格使用编码 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>The boundary of grid %1 cannot be read: %2</source>
        <translation>无法读取网格 %1 的边界：%2</translation>
    </message>
    <message>
        <source>Grid %1 has no boundary.</source>
        <translation>网格 %1 没有边界。</translation>
    </message>
    <message numerus="yes">
        <source>Grid %1 has a ring of %n points; a ring needs at least four (three corners and the first again).</source>
        <translation>
            <numerusform>网格 %1 有一个仅含 %n 个点的环；环至少需要四个点（三个角点，外加与起点重合的终点）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Grid %1 has a spike at %2: its boundary runs out and comes straight back.</source>
        <translation>网格 %1 在 %2 处有尖刺：边界伸出后又沿原路折回。</translation>
    </message>
    <message>
        <source>invalid geometry</source>
        <translation>无效几何</translation>
    </message>
    <message>
        <source>Grid %1 is invalid: %2</source>
        <translation>网格 %1 几何无效：%2</translation>
    </message>
    <message>
        <source>grid %1</source>
        <translation>网格 %1</translation>
    </message>
    <message>
        <source>Grid %1 would lose its shape: %2</source>
        <translation>网格 %1 将失去形状：%2</translation>
    </message>
    <message>
        <source>Grid %1 would be invalid: %2</source>
        <translation>网格 %1 将成为无效几何：%2</translation>
    </message>
    <message>
        <source>No grid has a vertex at %1, %2.</source>
        <translation>%1, %2 处没有任何网格的节点。</translation>
    </message>
    <message>
        <source>No grid edge passes near %1, %2.</source>
        <translation>%1, %2 附近没有网格边界经过。</translation>
    </message>
    <message>
        <source>Every grid near %1, %2 already has a vertex there.</source>
        <translation>%1, %2 附近的网格在该处均已有节点。</translation>
    </message>
    <message>
        <source>Grid %1 would keep a ring of fewer than three points.</source>
        <translation>网格 %1 将只剩一个不足三个点的环。</translation>
    </message>
    <message>
        <source>A split line needs two points or more.</source>
        <translation>分割线至少需要两个点。</translation>
    </message>
    <message>
        <source>Grid %1 cannot be split while it is invalid: %2</source>
        <translation>网格 %1 几何无效，无法分割：%2</translation>
    </message>
    <message>
        <source>Grid %1 could not be split: %2</source>
        <translation>无法分割网格 %1：%2</translation>
    </message>
    <message>
        <source>The line does not cut grid %1 into two parts or more.</source>
        <translation>该线未能将网格 %1 分割为两个或更多部分。</translation>
    </message>
    <message>
        <source>Merging needs two grids or more.</source>
        <translation>合并至少需要两个网格。</translation>
    </message>
    <message>
        <source>Grids %1 and %2 are of different levels and cannot be merged.</source>
        <translation>网格 %1 和 %2 层级不同，不能合并。</translation>
    </message>
    <message>
        <source>Grid %1 shares no edge with the other grids to merge.</source>
        <translation>网格 %1 与其他待合并的网格没有公共边。</translation>
    </message>
    <message>
        <source>A new grid needs a ring of three points or more.</source>
        <translation>新网格的边界至少需要三个点。</translation>
    </message>
    <message>
        <source>The new grid is invalid: %1</source>
        <translation>新网格几何无效：%1</translation>
    </message>
    <message>
        <source>Nothing is left of the new grid: grids of its level cover all of it.</source>
        <translation>新网格没有剩余范围：同层级的网格已将其全部覆盖。</translation>
    </message>
    <message>
        <source>There is no grid %1 to reshape.</source>
        <translation>没有要修整边界的网格 %1。</translation>
    </message>
    <message>
        <source>A reshape line needs two points or more.</source>
        <translation>修整边界的线至少需要两个点。</translation>
    </message>
    <message>
        <source>The line must start and end on the boundary of grid %1.</source>
        <translation>该线的起点和终点都必须在网格 %1 的边界上。</translation>
    </message>
    <message>
        <source>The line does not change the boundary of grid %1.</source>
        <translation>该线没有改变网格 %1 的边界。</translation>
    </message>
    <message>
        <source>Say into how many parts, or into parts of what area, to cut grid %1.</source>
        <translation>请指定将网格 %1 细分为多少份，或每份的面积。</translation>
    </message>
    <message>
        <source>Grid %1 cannot be cut while it is invalid: %2</source>
        <translation>网格 %1 几何无效，无法细分：%2</translation>
    </message>
    <message>
        <source>Grid %1 has no area.</source>
        <translation>网格 %1 的面积为零。</translation>
    </message>
    <message>
        <source>The boundary is not a polygon.</source>
        <translation>边界不是多边形。</translation>
    </message>
    <message>
        <source>Nothing would be left of grid %1.</source>
        <translation>网格 %1 将不剩任何范围。</translation>
    </message>
    <message>
        <source>Invalid geometry</source>
        <translation>无效几何</translation>
    </message>
    <message>
        <source>Overlap</source>
        <translation>重叠</translation>
    </message>
    <message>
        <source>Gap</source>
        <translation>缝隙</translation>
    </message>
    <message>
        <source>Outside its parent</source>
        <translation>超出上级网格</translation>
    </message>
    <message>
        <source>Duplicate code</source>
        <translation>编码重复</translation>
    </message>
    <message>
        <source>Malformed code</source>
        <translation>编码不规范</translation>
    </message>
    <message>
        <source>No grid supervisor</source>
        <translation>无网格监督员</translation>
    </message>
    <message>
        <source>Only a gap with its area can be closed.</source>
        <translation>只能消除带有范围面的缝隙。</translation>
    </message>
    <message>
        <source>No child of grid %1 borders the gap near %2, %3.</source>
        <translation>网格 %1 的下级网格中没有与 %2, %3 附近的缝隙相邻的。</translation>
    </message>
    <message>
        <source>Only an overlap or a grid outside its parent can be clipped.</source>
        <translation>只有重叠或超出上级网格的部分才能裁剪。</translation>
    </message>
    <message>
        <source>Grid %1 is not one of %2 and %3.</source>
        <translation>网格 %1 既不是 %2，也不是 %3。</translation>
    </message>
    <message>
        <source>Grid %1 is not among the grids given.</source>
        <translation>网格 %1 不在给定的网格之中。</translation>
    </message>
    <message>
        <source>The grid &quot;%1&quot; (%2) has no code.</source>
        <translation>网格“%1”（%2）没有编码。</translation>
    </message>
    <message>
        <source>Grid %1 can be cut into at most %2 parts.</source>
        <translation>网格 %1 最多只能细分为 %2 块。</translation>
    </message>
    <message>
        <source>Parts of %1 m² would cut grid %2 (%3 m²) into about %4 parts; at most %5 are made. Choose a larger area.</source>
        <translation>按每块 %1 平方米，网格 %2（%3 平方米）将被细分为约 %4 块，而最多只能生成 %5 块。请选择更大的面积。</translation>
    </message>
    <message>
        <source>Grid %1 has %2 m²: parts of %3 m² would not cut it. Choose an area below half of it.</source>
        <translation>网格 %1 面积为 %2 平方米，按每块 %3 平方米无法细分。请选择小于其一半的面积。</translation>
    </message>
</context>
<context>
    <name>GridDesk::TopologyFindingsModel</name>
    <message>
        <source>Accepted by %1 on %2: %3</source>
        <extracomment>%1 is a person, %2 a date, %3 their reason</extracomment>
        <translation>由 %1 于 %2 接受：%3</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Grids</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Area (m²)</source>
        <translation>面积（平方米）</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Accepted because</source>
        <translation>接受理由</translation>
    </message>
</context>
<context>
    <name>GridDesk::TopologyPanel</name>
    <message>
        <source>Check &amp;all</source>
        <translation>全部检查(&amp;A)</translation>
    </message>
    <message>
        <source>Close &amp;gap</source>
        <translation>消除缝隙(&amp;G)</translation>
    </message>
    <message>
        <source>A&amp;ccept…</source>
        <translation>接受(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>撤回接受(&amp;W)</translation>
    </message>
    <message>
        <source>Check the whole map for invalid geometry, overlaps, gaps, grids outside their parent, bad codes and grids without a supervisor</source>
        <translation>检查整张地图中的无效几何、重叠、缝隙、超出上级网格、编码错误以及没有网格监督员的网格</translation>
    </message>
    <message>
        <source>Keep this finding as it is, with a reason</source>
        <translation>填写理由，保留该问题现状</translation>
    </message>
    <message numerus="yes">
        <source>Checking %n grids…</source>
        <translation>
            <numerusform>正在检查 %n 个网格…</numerusform>
        </translation>
    </message>
    <message>
        <source>The topology check failed: %1</source>
        <translation>拓扑检查失败：%1</translation>
    </message>
    <message>
        <source>Accepted findings could not be read: %1</source>
        <translation>无法读取已接受的拓扑问题：%1</translation>
    </message>
    <message>
        <source>Clip to &amp;parent</source>
        <translation>裁剪到上级网格范围(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Keep in %1</source>
        <extracomment>Clip an overlap so that grid %1 keeps the shared area</extracomment>
        <translation>归入 %1(&amp;K)</translation>
    </message>
    <message>
        <source>K&amp;eep in %1</source>
        <translation>归入 %1(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Keep in first</source>
        <translation>归入第一个网格(&amp;K)</translation>
    </message>
    <message>
        <source>K&amp;eep in second</source>
        <translation>归入第二个网格(&amp;E)</translation>
    </message>
    <message numerus="yes">
        <source>%n open findings</source>
        <extracomment>%n findings still to look at; the accepted ones are counted apart</extracomment>
        <translation>
            <numerusform>%n 个待处理问题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n accepted</source>
        <translation>
            <numerusform>%n 个已接受</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept finding</source>
        <translation>接受问题</translation>
    </message>
    <message>
        <source>Why may this stay as it is?</source>
        <translation>为什么可以保持现状？</translation>
    </message>
    <message>
        <source>A finding is accepted only with a reason.</source>
        <translation>接受问题时必须填写理由。</translation>
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
        <translation>结束 %1</translation>
    </message>
    <message>
        <source>%1&apos;s patrol (%2)
fix %3 of %4 at %5 UTC</source>
        <extracomment>%1 person, %2 file, %3 fix number, %4 number of fixes, %5 date and time</extracomment>
        <translation>%1 的巡查（%2）
第 %3 / %4 个定位点，%5 UTC</translation>
    </message>
</context>
<context>
    <name>GridDesk::UnitChooser</name>
    <message>
        <source>%1 (%2)</source>
        <extracomment>an org unit in a list: its name and code, e.g. &quot;Street one (street-1)&quot;</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Type part of a unit&apos;s name or code</source>
        <translation>输入单位名称或编码的一部分</translation>
    </message>
    <message>
        <source>Filter units</source>
        <translation>筛选单位</translation>
    </message>
    <message>
        <source>Handled jointly with (optional):</source>
        <translation>协办单位（可选）：</translation>
    </message>
</context>
<context>
    <name>GridDesk::UnitChooserDialog</name>
    <message>
        <source>Filter by code or name</source>
        <translation>按代码或名称筛选</translation>
    </message>
    <message>
        <source>(the top of the chart)</source>
        <translation>（组织架构顶层）</translation>
    </message>
    <message>
        <source>%1 — tier %2</source>
        <extracomment>%1 is a unit&apos;s name and code, %2 its tier number</extracomment>
        <translation>%1 — 第 %2 层</translation>
    </message>
    <message>
        <source>No unit can be chosen here.</source>
        <translation>此处没有可选的单位。</translation>
    </message>
</context>
<context>
    <name>GridDesk::UnitDetailForm</name>
    <message>
        <source>Link…</source>
        <translation>关联…</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <source>&amp;Apply details</source>
        <translation>应用修改(&amp;A)</translation>
    </message>
    <message>
        <source>Move the unit to change its parent.</source>
        <translation>移动单位以更改其上级。</translation>
    </message>
    <message>
        <source>grid codes, separated by ;</source>
        <translation>网格代码，以 ; 分隔</translation>
    </message>
    <message>
        <source>department names, separated by ;</source>
        <translation>部门名称，以 ; 分隔</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>代码：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Tier:</source>
        <translation>层级(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>Parent:</source>
        <translation>上级：</translation>
    </message>
    <message>
        <source>&amp;Contact:</source>
        <translation>联系方式(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Jurisdiction:</source>
        <translation>辖区(&amp;J)：</translation>
    </message>
    <message>
        <source>&amp;Departments:</source>
        <translation>业务部门(&amp;D)：</translation>
    </message>
    <message>
        <source>Serves:</source>
        <translation>服务对象：</translation>
    </message>
    <message>
        <source>Groups:</source>
        <translation>小组：</translation>
    </message>
    <message>
        <source>History</source>
        <translation>变更历史</translation>
    </message>
    <message>
        <source>No unit selected</source>
        <translation>未选择单位</translation>
    </message>
    <message>
        <source>%1 — retired</source>
        <translation>%1 — 已撤销</translation>
    </message>
    <message>
        <source>(the top of the chart)</source>
        <translation>（组织架构顶层）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1 is a group&apos;s name, %2 its kind (coordination or leading group)</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 — dissolved</source>
        <translation>%1 — 已解散</translation>
    </message>
    <message>
        <source>(unsaved)</source>
        <translation>（未保存）</translation>
    </message>
    <message>
        <source>Change the details of %1</source>
        <extracomment>%1 is a unit code</extracomment>
        <translation>修改 %1 的详情</translation>
    </message>
</context>
<context>
    <name>GridDesk::VectorFile</name>
    <message>
        <source>%1: the companion file %2.%3 is missing; a shapefile needs its .shp, .shx and .dbf side by side.</source>
        <translation>%1：缺少配套文件 %2.%3；Shapefile 需要 .shp、.shx 和 .dbf 放在同一目录。</translation>
    </message>
    <message>
        <source>The .cpg file names an encoding GridDesk does not know (&quot;%1&quot;); the encoding was detected instead.</source>
        <translation>.cpg 文件声明的编码 GridDesk 不认识（“%1”）；已改为自动识别编码。</translation>
    </message>
    <message>
        <source>no details from GDAL</source>
        <translation>GDAL 未提供详细信息</translation>
    </message>
    <message>
        <source>%1 has no .prj file, so its coordinate system is unknown. Give it with --source-crs (for example EPSG:4326, EPSG:4490 or gcj02).</source>
        <translation>%1 没有 .prj 文件，坐标系未知。请用 --source-crs 指定（例如 EPSG:4326、EPSG:4490 或 gcj02）。</translation>
    </message>
    <message>
        <source>%1 declares no coordinate system; WGS84 longitude/latitude was assumed.</source>
        <translation>%1 未声明坐标系；已按 WGS84 经纬度处理。</translation>
    </message>
    <message>
        <source>%1, feature %2</source>
        <translation>%1，第 %2 个要素</translation>
    </message>
    <message>
        <source>check the coordinate system given for the file</source>
        <translation>请检查为该文件指定的坐标系</translation>
    </message>
    <message>
        <source>the coordinates look projected; give the file&apos;s coordinate system with --source-crs</source>
        <translation>坐标看起来是投影坐标；请用 --source-crs 指定文件的坐标系</translation>
    </message>
    <message>
        <source>%1, feature %2: coordinates %3, %4 are not longitude/latitude after conversion (%5).</source>
        <translation>%1，第 %2 个要素：坐标 %3, %4 转换后不是经纬度（%5）。</translation>
    </message>
    <message>
        <source>The encoding &quot;%1&quot; is not supported; use UTF-8, GBK, Big5, ISO-8859-1 or windows-1252.</source>
        <translation>不支持编码“%1”；请使用 UTF-8、GBK、Big5、ISO-8859-1 或 windows-1252。</translation>
    </message>
    <message>
        <source>%1: the text encoding of the attributes could not be recognised as UTF-8, GBK or Big5; give it with --encoding.</source>
        <translation>%1：无法将属性文字识别为 UTF-8、GBK 或 Big5；请用 --encoding 指定。</translation>
    </message>
    <message>
        <source>%1 declares no text encoding; %2 was detected.</source>
        <translation>%1 未声明文字编码；识别为 %2。</translation>
    </message>
    <message>
        <source>%1, feature %2, field %3</source>
        <translation>%1，第 %2 个要素，字段 %3</translation>
    </message>
    <message>
        <source>%1 could not be opened as a vector file: %2</source>
        <translation>无法将 %1 作为矢量文件打开：%2</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <source>%1 has no layer &quot;%2&quot;; its layers are: %3.</source>
        <translation>%1 没有图层“%2”；其图层为：%3。</translation>
    </message>
    <message>
        <source>%1, feature %2 could not be read: %3</source>
        <translation>%1，第 %2 个要素无法读取：%3</translation>
    </message>
    <message>
        <source>%1, feature %2 has no geometry.</source>
        <translation>%1，第 %2 个要素没有几何。</translation>
    </message>
    <message>
        <source>The .prj file of %1 does not describe a coordinate system GDAL can read. Give the coordinate system with --source-crs.</source>
        <translation>%1 的 .prj 文件不是 GDAL 能读懂的坐标系描述。请用 --source-crs 指定坐标系。</translation>
    </message>
</context>
<context>
    <name>GridDesk::Wkb</name>
    <message>
        <source>The geometry is not valid WKB (it ends early or is malformed at byte %1).</source>
        <translation>几何不是有效的 WKB（在第 %1 字节处提前结束或格式错误）。</translation>
    </message>
    <message>
        <source>A coordinate could not be transformed to WGS84.</source>
        <translation>有坐标无法转换到 WGS84。</translation>
    </message>
</context>
<context>
    <name>GridDesk::WorkCalendar</name>
    <message>
        <source>a quoted field has no closing quote (&quot;).</source>
        <translation>带引号的字段缺少结束引号（&quot;）。</translation>
    </message>
    <message>
        <source>the file does not start with the header date,kind,name,year (found &quot;%1&quot;).</source>
        <translation>文件开头不是表头 date,kind,name,year（实际为“%1”）。</translation>
    </message>
    <message>
        <source>the header has no &quot;%1&quot; column.</source>
        <translation>表头中没有“%1”列。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date; dates are written YYYY-MM-DD.</source>
        <translation>“%1”不是日期；日期应写作 YYYY-MM-DD。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a kind of day; write holiday or workday.</source>
        <translation>“%1”不是有效的日期类型；请填写 holiday 或 workday。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a year.</source>
        <translation>“%1”不是年份。</translation>
    </message>
    <message>
        <source>the year column says %1, but %2 is in %3.</source>
        <translation>year 列为 %1，但 %2 属于 %3 年。</translation>
    </message>
    <message>
        <source>the line has %1 fields, the header %2.</source>
        <translation>该行有 %1 个字段，而表头有 %2 个。</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1，第 %2 行</translation>
    </message>
    <message>
        <source>%1 is not UTF-8 text.</source>
        <translation>%1 不是 UTF-8 文本。</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 为空。</translation>
    </message>
    <message>
        <source>%1 is listed twice (first on line %2).</source>
        <translation>%1 出现了两次（首次在第 %2 行）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time limit: write a number and a unit, h for working hours, d for working days or ch for calendar hours (for example 4h, 1.5d or 48ch).</source>
        <translation>“%1”不是有效的时限：请填写数值和单位，h 表示工作小时，d 表示工作日，ch 表示自然小时（例如 4h、1.5d 或 48ch）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time limit: the amount must be greater than zero.</source>
        <translation>“%1”不是有效的时限：数值必须大于零。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too long a time limit: the amount may be at most %2.</source>
        <translation>时限“%1”过长：数值最大为 %2。</translation>
    </message>
    <message>
        <source>A working day needs at least one working period.</source>
        <translation>工作日至少需要一个工作时段。</translation>
    </message>
    <message>
        <source>The working period %1 does not start before it ends.</source>
        <translation>工作时段 %1 的开始时间不早于结束时间。</translation>
    </message>
    <message>
        <source>The working period %1 starts before the previous one ends.</source>
        <translation>工作时段 %1 在上一个时段结束之前就开始了。</translation>
    </message>
    <message>
        <source>%1 is not open for reading.</source>
        <translation>%1 未以读取方式打开。</translation>
    </message>
</context>
<context>
    <name>GridDesk::Workflow</name>
    <message>
        <source>Reported</source>
        <translation>已上报</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>已立案</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>已派遣</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>In handling</source>
        <translation>处置中</translation>
    </message>
    <message>
        <source>Awaiting verification</source>
        <translation>待核查</translation>
    </message>
    <message>
        <source>Supervised</source>
        <translation>督办中</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Evaluated</source>
        <translation>已评价</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>上报</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>立案</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派遣</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>签收</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Feed back</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Verify and close</source>
        <translation>核查结案</translation>
    </message>
    <message>
        <source>Fail verification</source>
        <translation>核查未通过</translation>
    </message>
    <message>
        <source>Supervise</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新立案</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Request material</source>
        <translation>要求补充材料</translation>
    </message>
    <message>
        <source>Material received</source>
        <translation>材料已补齐</translation>
    </message>
    <message>
        <source>Request extension</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <source>Approve extension</source>
        <translation>批准延期</translation>
    </message>
    <message>
        <source>Deny extension</source>
        <translation>不批准延期</translation>
    </message>
    <message>
        <source>Promise a date</source>
        <translation>承诺办结时间</translation>
    </message>
    <message>
        <source>Mark special</source>
        <translation>标记为特办事项</translation>
    </message>
    <message>
        <source>Close as handled on the spot</source>
        <translation>即办结案</translation>
    </message>
    <message>
        <source>Merge into another case</source>
        <translation>并入其他案件</translation>
    </message>
    <message>
        <source>Duplicate merged in</source>
        <translation>并入重复案件</translation>
    </message>
    <message>
        <source>Attach file</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>受理员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>监督员</translation>
    </message>
    <message>
        <source>Unit handler</source>
        <translation>处置单位人员</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>领导</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Moved to another grid</source>
        <translation>改划网格</translation>
    </message>
    <message>
        <source>Contact the reporter</source>
        <translation>联系诉求人</translation>
    </message>
    <message>
        <source>Return visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Link a register entry</source>
        <translation>关联台账条目</translation>
    </message>
    <message>
        <source>Unlink a register entry</source>
        <translation>取消关联台账条目</translation>
    </message>
    <message>
        <source>Alarm came again</source>
        <translation>告警再次发生</translation>
    </message>
    <message>
        <source>12345 hotline</source>
        <translation>12345 热线</translation>
    </message>
    <message>
        <source>Grid staff</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Video patrol</source>
        <translation>视频巡查</translation>
    </message>
    <message>
        <source>IoT sensor alarm</source>
        <translation>物联感知告警</translation>
    </message>
    <message>
        <source>Public app</source>
        <translation>市民 App</translation>
    </message>
    <message>
        <source>Public app (Open311)</source>
        <translation>市民 App（Open311）</translation>
    </message>
    <message>
        <source>Hotline export (%1)</source>
        <extracomment>%1 is the layout of a hotline export, such as nyc311</extracomment>
        <translation>热线导出（%1）</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>工作台</translation>
    </message>
</context>
<context>
    <name>GridDesk::WorkflowEngine</name>
    <message>
        <source>Case %1 has already been reported.</source>
        <translation>案件 %1 已经上报过。</translation>
    </message>
    <message>
        <source>There is no such case.</source>
        <translation>没有该案件。</translation>
    </message>
    <message>
        <source>The %1 role may not take &quot;%2&quot;; it is for: %3.</source>
        <translation>“%1”角色不能执行“%2”；可执行该操作的角色：%3。</translation>
    </message>
    <message>
        <source>Case %1 has changed since you opened it (it is at version %2, you saw version %3). Look at it again and decide anew.</source>
        <translation>案件 %1 在您打开后已有变化（当前为版本 %2，您看到的是版本 %3）。请重新查看后再作决定。</translation>
    </message>
    <message>
        <source>Case %1 is %2: &quot;%3&quot; is not possible in that state.</source>
        <translation>案件 %1 处于“%2”状态：此状态下不能执行“%3”。</translation>
    </message>
    <message>
        <source>Every action needs the person taking it.</source>
        <translation>每项操作都须指明操作人。</translation>
    </message>
    <message>
        <source>Every action needs the time it was taken.</source>
        <translation>每项操作都须指明操作时间。</translation>
    </message>
    <message>
        <source>The action&apos;s time %1 is before the case&apos;s last event (%2).</source>
        <translation>操作时间 %1 早于案件最近一条办理记录的时间（%2）。</translation>
    </message>
    <message>
        <source>Case %1 is with %2; %3 of %4 cannot act on it.</source>
        <translation>案件 %1 由 %2 办理；%4 的 %3 不能对其操作。</translation>
    </message>
    <message>
        <source>%1 handled case %2 and cannot verify it; another supervisor must.</source>
        <translation>%1 处置过案件 %2，不能核查该案件；须由其他监督员核查。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a reason.</source>
        <translation>“%1”须填写原因。</translation>
    </message>
    <message>
        <source>Say how the case was handled.</source>
        <translation>请说明案件的处置情况。</translation>
    </message>
    <message>
        <source>Satisfaction must be a whole number from 1 (very dissatisfied) to 5 (very satisfied).</source>
        <translation>满意度须为 1（非常不满意）到 5（非常满意）之间的整数。</translation>
    </message>
    <message>
        <source>Name the case to merge into.</source>
        <translation>请指定要并入的案件。</translation>
    </message>
    <message>
        <source>A case cannot be merged into itself.</source>
        <translation>案件不能并入自身。</translation>
    </message>
    <message>
        <source>Choose the unit that leads the handling.</source>
        <translation>请选择主办单位。</translation>
    </message>
    <message>
        <source>There is no org unit &quot;%1&quot; in this workspace.</source>
        <translation>本工作区中没有组织单位“%1”。</translation>
    </message>
    <message>
        <source>%1 is named twice among the handling units.</source>
        <translation>%1 在处置单位中出现了两次。</translation>
    </message>
    <message>
        <source>Choose the unit that takes the case over.</source>
        <translation>请选择接手案件的单位。</translation>
    </message>
    <message>
        <source>Material has already been requested.</source>
        <translation>已要求补充材料。</translation>
    </message>
    <message>
        <source>No material is waited for.</source>
        <translation>当前没有等待补充的材料。</translation>
    </message>
    <message>
        <source>An extension is already waiting for a decision.</source>
        <translation>已有延期申请等待审批。</translation>
    </message>
    <message>
        <source>No extension has been requested.</source>
        <translation>没有待审批的延期申请。</translation>
    </message>
    <message>
        <source>The promised date must be given as 2026-12-04T17:00:00.</source>
        <translation>承诺办结时间须按 2026-12-04T17:00:00 的格式填写。</translation>
    </message>
    <message>
        <source>The promised date has already passed.</source>
        <translation>承诺办结时间已过。</translation>
    </message>
    <message>
        <source>Name the duplicate that was merged.</source>
        <translation>请指定被并入的重复案件。</translation>
    </message>
    <message>
        <source>An attachment needs a file name.</source>
        <translation>附件须有文件名。</translation>
    </message>
    <message>
        <source>%1 asked for this extension and cannot decide on it; another leader must.</source>
        <translation>%1 申请了此次延期，不能自行审批；须由其他领导审批。</translation>
    </message>
    <message>
        <source>A case escalates to a higher tier of its own chain: %1 is not above %2.</source>
        <translation>案件只能升级到其所属上下级链条中的更高层级：%1 不在 %2 之上。</translation>
    </message>
    <message>
        <source>Case %1 was handled by %2, which cannot verify it; the grid&apos;s supervisor must.</source>
        <translation>案件 %1 由 %2 处置，该单位不能核查；应由网格监督员核查。</translation>
    </message>
    <message>
        <source>Name the grid the case moves to.</source>
        <translation>请指定案件要移入的网格。</translation>
    </message>
    <message>
        <source>%1 is retired and takes no new cases.</source>
        <translation>%1 已撤销，不再承接新案件。</translation>
    </message>
    <message>
        <source>Person %1 is not an active member of the organisation.</source>
        <translation>人员 %1 不是组织中的在职人员。</translation>
    </message>
    <message>
        <source>%1 works for %2, not for the lead unit %3.</source>
        <translation>%1 属于 %2，不属于主办单位 %3。</translation>
    </message>
    <message>
        <source>Say what the reporter was told and what they said.</source>
        <translation>请写明告诉诉求人的内容以及对方的答复。</translation>
    </message>
    <message>
        <source>Name the register entry.</source>
        <translation>请指明台账条目。</translation>
    </message>
    <message>
        <source>A case concerns a register entry or has it as its reporter, not &quot;%1&quot;.</source>
        <translation>案件与台账条目的关系只能是“涉及”或“诉求人”，不能是“%1”。</translation>
    </message>
</context>
<context>
    <name>GridDesk::WorkflowSeed</name>
    <message>
        <source>City supervision centre</source>
        <extracomment>The top unit of a workspace; %1 is the city&apos;s name</extracomment>
        <translation>市级监督指挥中心</translation>
    </message>
    <message>
        <source>%1 supervision centre</source>
        <translation>%1 监督指挥中心</translation>
    </message>
    <message>
        <source>No agency given</source>
        <extracomment>The unit for cases a hotline export gives no agency for</extracomment>
        <translation>未指定部门</translation>
    </message>
    <message>
        <source>%1 crew %2</source>
        <extracomment>A crew of an agency in a hotline export: %1 is the agency, %2 the crew</extracomment>
        <translation>%1 %2 班组</translation>
    </message>
    <message>
        <source>%1 command centre</source>
        <extracomment>%1 is the name of a district</extracomment>
        <translation>%1 指挥中心</translation>
    </message>
    <message>
        <source>City components</source>
        <translation>城市部件</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Operator Chen</source>
        <extracomment>Names of the people a sample workspace can be run as; plain family names</extracomment>
        <translation>陈受理员</translation>
    </message>
    <message>
        <source>Supervisor Li</source>
        <translation>李监督员</translation>
    </message>
    <message>
        <source>Leader Wang</source>
        <translation>王领导</translation>
    </message>
    <message>
        <source>%1 handler</source>
        <extracomment>A person handling cases for a unit; %1 names the unit (&quot;DSNY handler&quot;)</extracomment>
        <translation>%1 处置员</translation>
    </message>
    <message>
        <source>%1 to %2, which handled most of these cases</source>
        <extracomment>A starter dispatch rule: %1 is a category, %2 the unit that handled most of its cases</extracomment>
        <translation>%1 派往 %2（此类案件大多由其处置）</translation>
    </message>
    <message>
        <source>Counting the cases of each category failed: %1</source>
        <translation>统计各类别案件数失败：%1</translation>
    </message>
</context>
<context>
    <name>GridDesk::WorkflowSetup</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1失败：%2</translation>
    </message>
    <message>
        <source>Clearing %1</source>
        <translation>清空 %1</translation>
    </message>
    <message>
        <source>Reading org units</source>
        <translation>读取组织单位</translation>
    </message>
    <message>
        <source>Reading users</source>
        <translation>读取用户</translation>
    </message>
    <message>
        <source>Reading categories</source>
        <translation>读取类别</translation>
    </message>
    <message>
        <source>Reading dispatch rules</source>
        <translation>读取派遣规则</translation>
    </message>
    <message>
        <source>working hours of the workspace</source>
        <translation>工作区的工作时间</translation>
    </message>
    <message>
        <source>Reading the calendar</source>
        <translation>读取日历</translation>
    </message>
    <message>
        <source>Saving org unit %1</source>
        <translation>保存组织单位 %1</translation>
    </message>
    <message>
        <source>Saving user %1</source>
        <translation>保存用户 %1</translation>
    </message>
    <message>
        <source>Saving category %1</source>
        <translation>保存类别 %1</translation>
    </message>
    <message>
        <source>Saving dispatch rule %1</source>
        <translation>保存派遣规则 %1</translation>
    </message>
    <message>
        <source>Saving calendar day %1</source>
        <translation>保存日历日 %1</translation>
    </message>
    <message>
        <source>Org unit %1 has tier %2; tiers run from 1 (city) to 6 (grid).</source>
        <translation>组织单位 %1 的层级为 %2；层级范围为 1（市级）到 6（网格）。</translation>
    </message>
    <message>
        <source>Org unit %1 names a parent %2 that does not exist.</source>
        <translation>组织单位 %1 指定的上级单位 %2 不存在。</translation>
    </message>
    <message>
        <source>Org unit %1 (tier %2) cannot sit under %3 (tier %4): tiers run downwards.</source>
        <translation>组织单位 %1（层级 %2）不能隶属于 %3（层级 %4）：上级单位的层级必须高于下级单位。</translation>
    </message>
    <message>
        <source>Rule %1 names org unit &quot;%2&quot;, which does not exist.</source>
        <translation>规则 %1 指定的组织单位“%2”不存在。</translation>
    </message>
    <message>
        <source>Category %1 names org unit &quot;%2&quot;, which does not exist.</source>
        <translation>类别 %1 指定的组织单位“%2”不存在。</translation>
    </message>
    <message>
        <source>User %1 has the role &quot;%2&quot;; desk roles are operator, supervisor, unit_handler and leader.</source>
        <translation>用户 %1 的角色为“%2”；工作台的角色为 operator、supervisor、unit_handler 和 leader。</translation>
    </message>
    <message>
        <source>User %1 belongs to org unit &quot;%2&quot;, which does not exist.</source>
        <translation>用户 %1 所属的组织单位“%2”不存在。</translation>
    </message>
    <message>
        <source>When handling time runs out a case can be supervised, and when supervision time runs out escalated; nothing else follows from the loop.</source>
        <translation>处置时限届满时案件可以转为督办，督办时限届满时可以升级；闭环流程不允许其他后续操作。</translation>
    </message>
    <message>
        <source>Warnings come at fractions of a stage&apos;s time between 0 and 1, such as 0.5 and 0.8; %1 is not one.</source>
        <translation>预警比例须为环节时限的 0 到 1 之间的比例，例如 0.5 和 0.8；%1 不符合要求。</translation>
    </message>
    <message>
        <source>User %1 appears twice.</source>
        <translation>用户 %1 出现了两次。</translation>
    </message>
    <message>
        <source>Finding the units of open cases</source>
        <translation>查找未办结案件的单位</translation>
    </message>
    <message numerus="yes">
        <source>Org unit %1 leads %n open case(s); keep it, or dispatch its cases elsewhere first.</source>
        <translation>
            <numerusform>组织单位 %1 主办 %n 件未结案件；请保留该单位，或先将其案件派遣给其他单位。</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading people</source>
        <translation>读取人员</translation>
    </message>
</context>
<context>
    <name>GridDesk::WorkflowSetupDialog</name>
    <message>
        <source>Supervise the case</source>
        <translation>督办该案件</translation>
    </message>
    <message>
        <source>Escalate the case</source>
        <translation>升级该案件</translation>
    </message>
    <message>
        <source>Nothing (only show it as overdue)</source>
        <translation>不处理（仅显示为超期）</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Workflow setup[*]</source>
        <translation>流程设置[*]</translation>
    </message>
    <message>
        <source>Check and save the setup (Ctrl+S)</source>
        <translation>检查并保存设置（Ctrl+S）</translation>
    </message>
    <message>
        <source>Only a leader may change the workflow setup; you act as %1.</source>
        <translation>只有领导可以修改流程设置；您当前的身份是%1。</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>未选择身份</translation>
    </message>
    <message>
        <source>You may look at the setup; only a leader may save changes.</source>
        <translation>您可以查看设置；只有领导可以保存修改。</translation>
    </message>
    <message>
        <source>50 %, 80 %</source>
        <translation>50 %, 80 %</translation>
    </message>
    <message>
        <source>A case is shown as running late once it has used these shares of its stage&apos;s time. The deadline rules run every minute at the desk and act on cases whose time ran out.</source>
        <translation>案件在当前环节用去的时间达到这些比例时即显示为预警。时限规则在工作台上每分钟运行一次，并对时限已到的案件采取措施。</translation>
    </message>
    <message>
        <source>&amp;Warn after:</source>
        <translation>预警比例(&amp;W)：</translation>
    </message>
    <message>
        <source>When &amp;handling time runs out:</source>
        <translation>处置时限届满时(&amp;H)：</translation>
    </message>
    <message>
        <source>When su&amp;pervision time runs out:</source>
        <translation>督办时限届满时(&amp;P)：</translation>
    </message>
    <message>
        <source>Warning at &quot;%1&quot;: give percentages between 0 and 100, such as 50 %, 80 %.</source>
        <translation>预警比例“%1”有误：请填写 0 到 100 之间的百分比，用英文逗号分隔，例如 50 %, 80 %。</translation>
    </message>
    <message>
        <source>Nothing was saved. %1</source>
        <translation>未保存任何内容。%1</translation>
    </message>
    <message numerus="yes">
        <source>Saved. Deadlines of %n open case(s) recomputed.</source>
        <translation>
            <numerusform>已保存。已重新计算 %n 件未办结案件的截止时间。</numerusform>
        </translation>
    </message>
    <message>
        <source>The rules cannot be tried yet. %1</source>
        <translation>暂时无法试运行规则。%1</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>The workflow setup has changes that are not saved. Close and drop them?</source>
        <translation>流程设置有未保存的修改。要关闭并放弃这些修改吗？</translation>
    </message>
    <message>
        <source>Cate&amp;gories</source>
        <translation>类别(&amp;G)</translation>
    </message>
    <message>
        <source>Dispatch ru&amp;les</source>
        <translation>派遣规则(&amp;L)</translation>
    </message>
    <message>
        <source>Calen&amp;dar</source>
        <translation>日历(&amp;D)</translation>
    </message>
    <message>
        <source>Deadl&amp;ines</source>
        <translation>办理时限(&amp;I)</translation>
    </message>
</context>
<context>
    <name>GridDesk::Workspace</name>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1失败：%2</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 不是文件。</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>Opening the workspace %1</source>
        <translation>打开工作区 %1</translation>
    </message>
    <message>
        <source>this is not a GridDesk workspace: the file is not an SQLite or GeoPackage database (%1).</source>
        <translation>这不是 GridDesk 工作区：该文件不是 SQLite 或 GeoPackage 数据库（%1）。</translation>
    </message>
    <message>
        <source>this GeoPackage was not made by GridDesk; import its layers into a workspace with import-grids instead of opening it.</source>
        <translation>此 GeoPackage 不是由 GridDesk 创建的；请用 import-grids 将其图层导入工作区，而不要直接打开。</translation>
    </message>
    <message>
        <source>this SQLite database is not a GridDesk workspace.</source>
        <translation>此 SQLite 数据库不是 GridDesk 工作区。</translation>
    </message>
    <message>
        <source>Creating the schema table</source>
        <translation>创建结构版本表</translation>
    </message>
    <message>
        <source>the workspace has schema version %1, newer than this GridDesk (%2) understands; use a newer GridDesk.</source>
        <translation>工作区结构版本为 %1，高于本版 GridDesk 支持的版本（%2）；请使用更新的 GridDesk。</translation>
    </message>
    <message>
        <source>Migration %1</source>
        <translation>迁移 %1</translation>
    </message>
    <message>
        <source>Recording migration %1</source>
        <translation>记录迁移 %1</translation>
    </message>
    <message>
        <source>Starting a transaction</source>
        <translation>开始事务</translation>
    </message>
    <message>
        <source>Committing</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Reading grids</source>
        <translation>读取网格</translation>
    </message>
    <message>
        <source>grid %1</source>
        <translation>网格 %1</translation>
    </message>
    <message>
        <source>Counting grids</source>
        <translation>统计网格</translation>
    </message>
    <message>
        <source>Saving grid %1</source>
        <translation>保存网格 %1</translation>
    </message>
    <message>
        <source>Updating the extent of %1</source>
        <translation>更新 %1 的范围</translation>
    </message>
    <message>
        <source>Reading cases</source>
        <translation>读取案件</translation>
    </message>
    <message>
        <source>Counting cases</source>
        <translation>统计案件</translation>
    </message>
    <message>
        <source>Saving case %1</source>
        <translation>保存案件 %1</translation>
    </message>
    <message>
        <source>Updating the grid of case %1</source>
        <translation>更新案件 %1 的网格</translation>
    </message>
    <message>
        <source>Saving the setting %1</source>
        <translation>保存设置 %1</translation>
    </message>
    <message>
        <source>Recording the import of %1</source>
        <translation>记录 %1 的导入</translation>
    </message>
    <message>
        <source>the workspace or its folder is read-only; GridDesk needs to write the file and its journal next to it.</source>
        <translation>工作区文件或其所在文件夹是只读的；GridDesk 需要写入该文件及其旁边的日志文件。</translation>
    </message>
    <message>
        <source>%1 is being written by another program; nothing was changed. Try again when it has finished.</source>
        <translation>%1 正被另一个程序写入；未做任何更改。请待其完成后重试。</translation>
    </message>
    <message>
        <source>Deleting grid %1</source>
        <translation>删除网格 %1</translation>
    </message>
    <message>
        <source>Reading the tables of the store failed: %1</source>
        <translation>读取存储中的表失败：%1</translation>
    </message>
    <message>
        <source>Reading the store failed: %1</source>
        <translation>读取存储失败：%1</translation>
    </message>
    <message>
        <source>Reading %1 from the workspace failed: %2</source>
        <translation>从工作区读取 %1 失败：%2</translation>
    </message>
    <message>
        <source>row %1 of %2 (%3 = %4)</source>
        <translation>%2 的第 %1 行（%3 = %4）</translation>
    </message>
    <message>
        <source>Moving the ids of %1 on failed: %2</source>
        <translation>推进 %1 的编号失败：%2</translation>
    </message>
    <message>
        <source>A workspace file is copied into a PostgreSQL store, not the other way.</source>
        <translation>只能把工作区文件复制进 PostgreSQL 存储，不能反向复制。</translation>
    </message>
    <message>
        <source>The workspace has schema %1 and the store %2; open the workspace with this GridDesk first so that both are at the same version.</source>
        <translation>工作区的结构版本为 %1，存储为 %2；请先用本版 GridDesk 打开工作区，使两者版本一致。</translation>
    </message>
    <message>
        <source>The store %1 already holds grids, cases or an org chart; copy into an empty store only.</source>
        <translation>存储 %1 中已有网格、案件或组织架构；只能复制到空存储中。</translation>
    </message>
    <message>
        <source>%1 is not a PostgreSQL address; write postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE.</source>
        <translation>%1 不是 PostgreSQL 地址；请写成 postgresql://用户[:密码]@主机[:端口]/数据库。</translation>
    </message>
    <message>
        <source>this GridDesk cannot reach PostgreSQL: Qt&apos;s PostgreSQL driver is not installed (Debian package libqt6sql6-psql).</source>
        <translation>本 GridDesk 无法连接 PostgreSQL：未安装 Qt 的 PostgreSQL 驱动（Debian 软件包 libqt6sql6-psql）。</translation>
    </message>
    <message>
        <source>Connecting to the store %1</source>
        <translation>连接存储 %1</translation>
    </message>
    <message>
        <source>this PostgreSQL database holds tables that are not GridDesk&apos;s; give the server a database of its own.</source>
        <translation>该 PostgreSQL 数据库中有不属于 GridDesk 的表；请给服务器一个专用数据库。</translation>
    </message>
    <message>
        <source>the store has schema version %1, newer than this GridDesk (%2) understands; use a newer GridDesk.</source>
        <translation>存储的结构版本为 %1，比本 GridDesk 能识别的（%2）更新；请使用更新版本的 GridDesk。</translation>
    </message>
    <message>
        <source> The store needs PostGIS: a database administrator runs CREATE EXTENSION postgis in it once.</source>
        <translation> 存储需要 PostGIS：请数据库管理员在该库中执行一次 CREATE EXTENSION postgis。</translation>
    </message>
    <message>
        <source>Migration %1 failed: %2</source>
        <translation>迁移 %1 失败：%2</translation>
    </message>
</context>
<context>
    <name>GridDesk::WorkspaceLoader</name>
    <message>
        <source>The folder of %1 cannot be created.</source>
        <translation>无法创建 %1 所在的文件夹。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Workstation for city grid governance.</source>
        <translation>市域网格化治理指挥调度工作台。</translation>
    </message>
    <message>
        <source>The workspace (GeoPackage) to open or create.</source>
        <translation>要打开或创建的工作区（GeoPackage）。</translation>
    </message>
    <message>
        <source>Sample imported into a new workspace (nyc, taipei).</source>
        <translation>导入到新工作区的示例（nyc、taipei）。</translation>
    </message>
    <message>
        <source>Once the workspace is open and its map drawn, save the window to this PNG file and quit.</source>
        <translation>工作区打开、地图绘制完成后，将窗口保存为此 PNG 文件并退出。</translation>
    </message>
    <message>
        <source>The workspace could not be opened: %1</source>
        <translation>无法打开工作区：%1</translation>
    </message>
    <message>
        <source>The screenshot could not be saved to %1.</source>
        <translation>无法将截图保存到 %1。</translation>
    </message>
</context>
</TS>
