// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registerpanel.h"

#include "logging.h"
#include "registertablemodel.h"

#include "register/registerbook.h"
#include "register/registerprivacy.h"
#include "storage/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace GridDesk {

RegisterPanel::RegisterPanel(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_counts(new QLabel(this))
    , m_kind(new QComboBox(this))
    , m_staleOnly(new QCheckBox(tr("Only due a visit"), this))
    , m_reveal(new QPushButton(tr("Reveal personal data…"), this))
    , m_table(new QTableView(this))
    , m_model(new RegisterTableModel(this))
{
    m_kind->setObjectName(QStringLiteral("registerKind"));
    m_staleOnly->setObjectName(QStringLiteral("registerStaleOnly"));
    m_reveal->setObjectName(QStringLiteral("registerReveal"));
    m_counts->setWordWrap(true);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_reveal->setToolTip(tr("Leaders and administrators may see names, ID numbers, phone "
                            "numbers and people's addresses; each reveal is recorded with its "
                            "reason."));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_kind, 1);
    filters->addWidget(m_staleOnly);
    filters->addWidget(m_reveal);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_counts);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &RegisterPanel::refresh);
    connect(m_staleOnly, &QCheckBox::toggled, this, &RegisterPanel::refresh);
    connect(m_reveal, &QPushButton::clicked, this, &RegisterPanel::askAndReveal);
    setWorkspace({});
}

RegisterPanel::~RegisterPanel() = default;

void RegisterPanel::setWorkspace(const QString &path)
{
    m_book.reset();
    m_workspace.reset();
    m_gridCode.clear();
    m_kind->blockSignals(true);
    m_kind->clear();
    m_kind->addItem(tr("All kinds"));
    if (!path.isEmpty()) {
        auto opened = Workspace::open(path);
        auto book = opened ? RegisterBook::load(**opened) : std::unexpected(opened.error());
        if (book) {
            m_workspace = std::move(*opened);
            m_book = std::make_unique<RegisterBook>(std::move(*book));
            for (const RegisterKind &kind : m_book->schema().kinds())
                m_kind->addItem(tr("%1 %2", "a register kind in English, then in Chinese")
                                    .arg(kind.title, kind.titleZh),
                    kind.key);
        } else {
            qCWarning(lcRegisterView) << "opening the register failed:" << book.error().message;
            Q_EMIT message(tr("The register could not be opened: %1").arg(book.error().message));
        }
    }
    m_kind->blockSignals(false);
    refresh();
}

void RegisterPanel::setUser(const QString &name, const QString &role)
{
    m_userName = name;
    m_userRole = role;
    refresh();
}

void RegisterPanel::showGrid(const QString &code, const QString &label)
{
    m_gridCode = code;
    m_title->setText(code.isEmpty() ? tr("The whole register")
                                    : tr("Register of %1").arg(label.isEmpty() ? code : label));
    refresh();
}

bool RegisterPanel::mayReveal() const
{
    return m_book && mayRevealRegister(m_userRole);
}

QDateTime RegisterPanel::now() const
{
    return m_at.isValid() ? m_at : QDateTime::currentDateTimeUtc();
}

QString RegisterPanel::countsText() const
{
    return m_counts->text();
}

void RegisterPanel::refresh()
{
    m_revealed = false;
    m_reveal->setEnabled(mayReveal());
    if (!m_book) {
        m_counts->setText(tr("No workspace is open."));
        m_model->setEntries({}, RegisterSchema(), {});
        return;
    }
    const std::optional<QString> grid =
        m_gridCode.isEmpty() ? std::nullopt : std::optional<QString>(m_gridCode);
    auto counts = m_book->counts(grid, now());
    auto stale = m_book->stale(grid, now());
    RegisterQuery query;
    query.gridCode = grid;
    if (const QString kind = m_kind->currentData().toString(); !kind.isEmpty())
        query.kind = kind;
    auto entries = m_staleOnly->isChecked() ? stale : m_book->entries(query);
    if (!counts || !stale || !entries) {
        const Error error = !counts ? counts.error() : !stale ? stale.error() : entries.error();
        m_counts->setText(tr("The register could not be read: %1").arg(error.message));
        return;
    }

    QStringList parts;
    qint64 due = 0;
    for (const KindCount &count : std::as_const(*counts)) {
        const RegisterKind *kind = m_book->schema().kind(count.kind);
        parts << tr("%1 %2", "a kind's title and how many entries it has")
                     .arg(kind ? kind->titleZh + u' ' + kind->title : count.kind)
                     .arg(count.entries);
        due += count.stale;
    }
    //: %1 lists the kinds with their counts, %n how many entries are due a visit
    m_counts->setText(
        tr("%1 — %n due a visit", nullptr, int(due)).arg(parts.join(QStringLiteral(" · "))));

    QSet<QString> staleCodes;
    for (const RegisterEntry &entry : std::as_const(*stale))
        staleCodes.insert(entry.code);
    QList<RegisterEntry> shown;
    for (const RegisterEntry &entry : std::as_const(*entries)) {
        if (query.kind && entry.kind != *query.kind)
            continue;
        shown << maskedEntry(m_book->schema(), entry);
    }
    m_model->setEntries(shown, m_book->schema(), staleCodes);
    m_table->resizeColumnsToContents();
}

bool RegisterPanel::revealWith(const QString &reason)
{
    if (!m_book)
        return false;
    QList<RegisterEntry> stored;
    for (const RegisterEntry &shown : m_model->entries()) {
        auto entry = m_book->entry(shown.code);
        if (entry && *entry)
            stored << **entry;
    }
    auto revealed = revealEntries(
        *m_workspace, m_book->schema(), stored, m_userName, m_userRole, reason, now());
    if (!revealed) {
        Q_EMIT message(revealed.error().message);
        return false;
    }
    QSet<QString> stale;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (index.data(int(RegisterTableModel::Role::Stale)).toBool())
            stale.insert(index.data(int(RegisterTableModel::Role::Code)).toString());
    }
    m_model->setEntries(*revealed, m_book->schema(), stale);
    m_revealed = true;
    //: %n is how many entries are shown unmasked
    Q_EMIT message(tr("Personal data of %n entry(ies) shown; the reveal is recorded.", nullptr,
        int(revealed->size())));
    return true;
}

void RegisterPanel::askAndReveal()
{
    bool given = false;
    const QString reason = QInputDialog::getText(this, tr("Reveal personal data"),
        tr("Why do you need to see the personal data of these %n entry(ies)? The reason is "
           "recorded.",
            nullptr, m_model->rowCount()),
        QLineEdit::Normal, {}, &given);
    if (given)
        revealWith(reason);
}

} // namespace GridDesk
