// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "topologypanel.h"

#include "gridchanges.h"
#include "grideditsession.h"
#include "logging.h"
#include "topologyfindingsmodel.h"

#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace GridDesk {

TopologyPanel::TopologyPanel(GridEditSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new TopologyFindingsModel(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_checkAll(new QPushButton(tr("Check &all"), this))
    , m_closeGap(new QPushButton(tr("Close &gap"), this))
    , m_keepFirst(new QPushButton(this))
    , m_keepSecond(new QPushButton(this))
    , m_accept(new QPushButton(tr("A&ccept…"), this))
    , m_withdraw(new QPushButton(tr("&Withdraw"), this))
{
    m_view->setObjectName(QStringLiteral("topologyFindings"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(int(TopologyFindingsModel::Column::Detail), QHeaderView::Stretch);
    m_view->setWordWrap(false);
    m_progress->setRange(0, 0);
    m_progress->setMaximumHeight(m_summary->sizeHint().height());
    m_progress->hide();
    m_checkAll->setToolTip(tr("Check the whole map for invalid geometry, overlaps, gaps, grids "
                              "outside their parent, bad codes and grids without a supervisor"));
    m_accept->setToolTip(tr("Keep this finding as it is, with a reason"));

    auto *status = new QHBoxLayout;
    status->addWidget(m_summary, 1);
    status->addWidget(m_progress);
    status->addWidget(m_checkAll);
    auto *fixes = new QHBoxLayout;
    for (QPushButton *button : {m_closeGap, m_keepFirst, m_keepSecond, m_accept, m_withdraw})
        fixes->addWidget(button);
    fixes->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(status);
    layout->addWidget(m_view, 1);
    layout->addLayout(fixes);

    connectSignals();
    updateButtons();
    updateSummary();
}

void TopologyPanel::connectSignals()
{
    connect(&m_fullCheck, &Watcher::finished, this, &TopologyPanel::onFullCheckFinished);
    connect(&m_aroundCheck, &Watcher::finished, this, &TopologyPanel::onAroundCheckFinished);
    connect(m_checkAll, &QPushButton::clicked, this, &TopologyPanel::checkAll);
    connect(m_closeGap, &QPushButton::clicked, this, [this] { closeGap(currentRow()); });
    connect(m_keepFirst, &QPushButton::clicked, this, [this] { clipOverlap(currentRow(), true); });
    connect(
        m_keepSecond, &QPushButton::clicked, this, [this] { clipOverlap(currentRow(), false); });
    connect(m_accept, &QPushButton::clicked, this, &TopologyPanel::askForAcceptance);
    connect(m_withdraw, &QPushButton::clicked, this, [this] { withdrawAcceptance(currentRow()); });
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        Q_EMIT zoomRequested(m_model->finding(index.row()).extent);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        const int row = currentRow();
        Q_EMIT findingHighlighted(row >= 0 ? m_model->finding(row).wkb : QByteArray());
        updateButtons();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        Q_EMIT findingHighlighted({});
        updateButtons();
        updateSummary();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        updateButtons();
        updateSummary();
    });
    connect(m_session, &GridEditSession::gridsChanged, this, &TopologyPanel::checkAround);
    connect(m_session, &GridEditSession::draftReset, this, [this] {
        clear();
        readAccepted();
    });
}

TopologyPanel::~TopologyPanel()
{
    m_fullCheck.waitForFinished();
    m_aroundCheck.waitForFinished();
}

bool TopologyPanel::isChecking() const
{
    return m_fullBusy || m_aroundBusy || !m_aroundPending.isEmpty();
}

void TopologyPanel::clear()
{
    m_aroundPending.clear();
    m_parentsPending.clear();
    m_model->setFindings({});
}

void TopologyPanel::checkAll()
{
    if (m_fullBusy || !m_session->isOpen())
        return;
    const QList<Grid> grids = m_session->grids();
    m_fullBusy = true;
    m_progress->show();
    m_checkAll->setEnabled(false);
    m_summary->setText(tr("Checking %n grids…", nullptr, int(grids.size())));
    Q_EMIT checkStarted();
    m_fullCheck.setFuture(QtConcurrent::run([grids] {
        QElapsedTimer timer;
        timer.start();
        auto findings = checkTopology(grids);
        qCInfo(lcGridEdit) << "checked" << grids.size() << "grids in" << timer.elapsed() << "ms";
        return findings;
    }));
}

void TopologyPanel::onFullCheckFinished()
{
    m_fullBusy = false;
    m_progress->hide();
    m_checkAll->setEnabled(true);
    const auto findings = m_fullCheck.result();
    if (!findings) {
        Q_EMIT message(tr("The topology check failed: %1").arg(findings.error().message));
    } else {
        m_model->setFindings(*findings);
        readAccepted();
    }
    // Edits made while the whole map was checked are checked again around them.
    startAroundCheck();
    finishIfIdle();
}

void TopologyPanel::checkAround(const QStringList &codes, const QStringList &parents)
{
    m_aroundPending += codes;
    m_parentsPending += parents;
    if (!m_aroundBusy)
        startAroundCheck();
}

void TopologyPanel::startAroundCheck()
{
    // While the whole map is checked, edits wait to be checked around after it.
    if (m_aroundPending.isEmpty() || m_aroundBusy || m_fullBusy || !m_session->isOpen())
        return;
    m_aroundBusy = true;
    m_aroundRunning = m_aroundPending;
    m_aroundRunning.removeDuplicates();
    m_aroundPending.clear();
    m_parentsRunning = std::exchange(m_parentsPending, {});
    m_parentsRunning.removeDuplicates();
    const QList<Grid> grids = m_session->grids();
    const QStringList codes = m_aroundRunning;
    Q_EMIT checkStarted();
    m_aroundCheck.setFuture(
        QtConcurrent::run([grids, codes] { return checkTopologyAround(grids, codes); }));
}

void TopologyPanel::onAroundCheckFinished()
{
    m_aroundBusy = false;
    const auto findings = m_aroundCheck.result();
    const QStringList checked = std::exchange(m_aroundRunning, {});
    const QStringList parents = std::exchange(m_parentsRunning, {});
    if (!findings) {
        Q_EMIT message(tr("The topology check failed: %1").arg(findings.error().message));
    } else if (!m_fullBusy) {
        m_model->replaceAround(checked, parents, *findings);
    } else {
        // Checked again once the whole map's findings are in.
        m_aroundPending += checked;
        m_parentsPending += parents;
    }
    startAroundCheck();
    finishIfIdle();
}

void TopologyPanel::finishIfIdle()
{
    updateSummary();
    if (!isChecking())
        Q_EMIT checkFinished();
}

void TopologyPanel::readAccepted()
{
    const auto accepted = m_session->acceptedFindings();
    if (!accepted) {
        Q_EMIT message(tr("Accepted findings could not be read: %1").arg(accepted.error().message));
        return;
    }
    m_model->setAccepted(*accepted);
}

int TopologyPanel::currentRow() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

QString TopologyPanel::keepCode(int row, bool keepFirst) const
{
    const TopologyFinding &finding = m_model->finding(row);
    if (finding.kind == TopologyFinding::Kind::OutsideParent) {
        // The parent keeps what its child covers outside it; the child is clipped.
        const auto child = m_session->grid(finding.codes.value(0));
        return child ? child->parentCode : QString();
    }
    return finding.codes.value(keepFirst ? 0 : 1);
}

void TopologyPanel::updateButtons()
{
    const int row = currentRow();
    const bool picked = row >= 0 && row < m_model->rowCount();
    const auto kind = picked ? m_model->finding(row).kind : TopologyFinding::Kind::Count;
    const bool accepted = picked && m_model->acceptance(row).has_value();
    const bool overlap = kind == TopologyFinding::Kind::Overlap;

    m_closeGap->setEnabled(kind == TopologyFinding::Kind::Gap);
    m_keepFirst->setEnabled(overlap || kind == TopologyFinding::Kind::OutsideParent);
    m_keepSecond->setEnabled(overlap);
    m_keepSecond->setVisible(kind != TopologyFinding::Kind::OutsideParent);
    m_accept->setEnabled(picked && !accepted);
    m_withdraw->setEnabled(accepted);

    if (kind == TopologyFinding::Kind::OutsideParent) {
        m_keepFirst->setText(tr("Clip to &parent"));
    } else if (overlap) {
        //: Clip an overlap so that grid %1 keeps the shared area
        m_keepFirst->setText(tr("&Keep in %1").arg(keepCode(row, true)));
        m_keepSecond->setText(tr("K&eep in %1").arg(keepCode(row, false)));
    } else {
        m_keepFirst->setText(tr("&Keep in first"));
        m_keepSecond->setText(tr("K&eep in second"));
    }
}

void TopologyPanel::updateSummary()
{
    if (m_fullBusy)
        return;
    const int open = m_model->openCount();
    const int accepted = m_model->rowCount() - open;
    //: %n findings still to look at; the accepted ones are counted apart
    QString text = tr("%n open findings", nullptr, open);
    if (accepted > 0)
        text += QLatin1String(" · ") + tr("%n accepted", nullptr, accepted);
    m_summary->setText(text);
}

bool TopologyPanel::closeGap(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return false;
    const auto change = GridChanges::closeGap(*m_session, m_model->finding(row));
    if (!change) {
        Q_EMIT message(change.error().message);
        return false;
    }
    return m_session->edit(*change);
}

bool TopologyPanel::clipOverlap(int row, bool keepFirst)
{
    if (row < 0 || row >= m_model->rowCount())
        return false;
    const QString keep = keepCode(row, keepFirst);
    const auto change = GridChanges::clipOverlap(*m_session, m_model->finding(row), keep);
    if (!change) {
        Q_EMIT message(change.error().message);
        return false;
    }
    return m_session->edit(*change);
}

void TopologyPanel::askForAcceptance()
{
    const int row = currentRow();
    if (row < 0)
        return;
    bool given = false;
    const QString reason = QInputDialog::getText(this, tr("Accept finding"),
        tr("Why may this stay as it is?"), QLineEdit::Normal, {}, &given);
    if (given)
        acceptFinding(row, reason);
}

bool TopologyPanel::acceptFinding(int row, const QString &reason)
{
    if (row < 0 || row >= m_model->rowCount())
        return false;
    if (reason.trimmed().isEmpty()) {
        Q_EMIT message(tr("A finding is accepted only with a reason."));
        return false;
    }
    if (const auto done = m_session->acceptFinding(m_model->finding(row).key(), reason.trimmed());
        !done) {
        Q_EMIT message(done.error().message);
        return false;
    }
    readAccepted();
    return true;
}

bool TopologyPanel::withdrawAcceptance(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return false;
    if (const auto done = m_session->withdrawAcceptance(m_model->finding(row).key()); !done) {
        Q_EMIT message(done.error().message);
        return false;
    }
    readAccepted();
    return true;
}

} // namespace GridDesk
