using AccountRegistry.Domain.Inspections;
using AccountRegistry.Domain.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AccountRegistry.Infrastructure.Persistence.Configurations;

internal sealed class CountyReportTemplateConfiguration : IEntityTypeConfiguration<CountyReportTemplate>
{
    public void Configure(EntityTypeBuilder<CountyReportTemplate> builder)
    {
        builder.ToTable("inspection_report_templates");
        builder.HasKey(t => t.Id);
        builder.HasIndex(t => t.UnitId).IsUnique();
        builder.Property(t => t.Title).HasMaxLength(ReportTemplateText.MaxTitleLength).IsRequired();
        builder.Property(t => t.Opening).HasMaxLength(ReportTemplateText.MaxPartLength).IsRequired();
        builder.Property(t => t.Requirements).HasMaxLength(ReportTemplateText.MaxPartLength).IsRequired();
        builder.Property(t => t.Signature).HasMaxLength(ReportTemplateText.MaxPartLength).IsRequired();
        builder.Property(t => t.DateLine).HasMaxLength(ReportTemplateText.MaxPartLength).IsRequired();
        builder.Property(t => t.UpdatedBy).HasMaxLength(256).IsRequired();
        builder.Property(t => t.Version).HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
        builder.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}
