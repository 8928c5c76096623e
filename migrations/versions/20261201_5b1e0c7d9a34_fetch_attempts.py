"""Fetch attempts: a source counts the failed tries of its open fetch request, so the
retries of one request leave one snapshot (its outcome) instead of one per try.

Revision ID: 5b1e0c7d9a34
Revises: bf67e328d2c5
Create Date: 2026-12-01 11:20:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '5b1e0c7d9a34'
down_revision = 'bf67e328d2c5'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fetch_attempts', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_column('fetch_attempts')
