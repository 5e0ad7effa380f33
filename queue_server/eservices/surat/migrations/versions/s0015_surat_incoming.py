"""e-Surat: classification codes, incoming letters, dispositions

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 14:10:00

The incoming register of e-Surat (issue 17), in its package (queue_server/eservices/surat).
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
