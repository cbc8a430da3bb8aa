// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QPointer>
#include <QWidget>

namespace GridDesk {

/// A top-level window of its own (own title, own task-bar entry, placeable on any monitor) that
/// holds one panel of the desk taken out of the main window. It does not keep the application
/// running when the main window closes. Closing it asks a panel that closes itself (the org
/// chart, the standards tree) first, and emits closed() only when the panel agreed.
class PanelWindow : public QWidget
{
    Q_OBJECT

public:
    explicit PanelWindow(const QString &key, QWidget *parent = nullptr);

    /// Shows content in the window; it stays owned by the window until taken back.
    void setContent(QWidget *content, bool contentCloses);
    /// Gives the content back (unparented, hidden); the window stays, empty.
    QWidget *takeContent();
    /// Lets go of content that is being deleted.
    void forgetContent() { m_content = nullptr; }
    QWidget *content() const { return m_content; }

Q_SIGNALS:
    void closed();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QPointer<QWidget> m_content;
    bool m_contentCloses = false;
};

} // namespace GridDesk
