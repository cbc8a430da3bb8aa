// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QSortFilterProxyModel>

namespace GridDesk {

/// The org tree with retired units left out, unless they are to be shown.
class OrgTreeFilter : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit OrgTreeFilter(QObject *parent = nullptr);

    bool showsRetired() const { return m_showRetired; }
    void setShowRetired(bool show);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_showRetired = false;
};

} // namespace GridDesk
