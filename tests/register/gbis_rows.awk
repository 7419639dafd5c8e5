# gbis_rows.awk: writes a GBIS notification file of N valid rows (-v n=N,
# -v first=K for the first MRN number), the baseline row of
# tests/core/test_gbis_stage1.c with a unique MRN, house number and UPRN.
# Valid in a register that knows supplier ABC and its licence ABC01234567E,
# the rows' Supplier_Reference (GBIS0116, GBIS0117).
BEGIN {
    header = "Supplier_Reference,Measure_Reference_Number,Measure_Type,Purpose_of_Notification," \
             "Date_of_Completed_Installation,Building_Number,Building_Name,Flat_Name/Number," \
             "Street_Name,Town,Post_Code,Unique_Property_Reference_Number_(UPRN)," \
             "Starting_SAP_Rating,Floor_Area,Rural,Off_Gas,Private_Domestic_Premises," \
             "Tenure_Type,Property,Eligibility_Type,Verification_Method,DWP_Reference_Number," \
             "Council_Tax_Band,PRS_SAP_Band_Exception," \
             "Associated_Insulation_MRN_for_Heating_Measures,Associated_In-fill_Measure_1," \
             "Associated_In-fill_Measure_2,Associated_In-fill_Measure_3,Flex_Referral_Route," \
             "LA_Declaration_Reference_Number,Date_Of_Householder_Eligibility," \
             "Percentage_Of_Property_Treated,Heating_Source,Installer_Name," \
             "Innovation_Measure_Number,Trustmark_Business_Licence_Number," \
             "Trustmark_Unique_Measure_Reference,Trustmark_Lodged_CertificateID," \
             "Trustmark_Project_Reference_Number,TrustMark_Completed_Project_Cert_ID"
    print header
    if (first == "") first = 1
    for (i = first; i < first + n; i++)
        printf "ABC01234567E,ABC%010d,CWI_0.040,New Notification,14/05/2024,%d,N/A,N/A," \
               "High Street,Leeds,LS1 4AB,%d,55.0,85,No,No,Yes,Owner Occupied,House," \
               "General Group,N/A,N/A,C,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,67+,N/A," \
               "Warm Homes Ltd,N/A,123456789012,UMR0000001,A12345-1,P123456,C12345-Z\n",
               i, i, 10000000 + i
}
