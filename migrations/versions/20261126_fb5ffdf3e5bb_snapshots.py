"""Snapshots of sources, and the fetch request and lease on each source.

Revision ID: fb5ffdf3e5bb
Revises: b67378b90ff9
Create Date: 2026-11-26 11:06:20.944708
"""

from alembic import op
import sqlalchemy as sa


revision = 'fb5ffdf3e5bb'
down_revision = 'b67378b90ff9'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('requested_url', sa.Text(), nullable=False),
    sa.Column('final_url', sa.Text(), nullable=False),
    sa.Column('http_status', sa.Integer(), nullable=True),
    sa.Column('content_type', sa.String(length=120), nullable=False),
    sa.Column('headers', sa.JSON(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('passages', sa.JSON(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('published', sa.String(length=32), nullable=True),
    sa.Column('language', sa.String(length=12), nullable=True),
    sa.Column('error', sa.Text(), nullable=False),
    sa.Column('fetched_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_snapshots_created_by_id_users')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_snapshots_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_snapshots'))
    )
    with op.batch_alter_table('snapshots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_snapshots_sha256'), ['sha256'], unique=False)
        batch_op.create_index('ix_snapshots_source_id_id', ['source_id', 'id'], unique=False)

    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fetch_requested_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('fetch_started_at', sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_sources_fetch_requested_at'), ['fetch_requested_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sources_fetch_requested_at'))
        batch_op.drop_column('fetch_started_at')
        batch_op.drop_column('fetch_requested_at')

    with op.batch_alter_table('snapshots', schema=None) as batch_op:
        batch_op.drop_index('ix_snapshots_source_id_id')
        batch_op.drop_index(batch_op.f('ix_snapshots_sha256'))

    op.drop_table('snapshots')
